package io.github.otaconnect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one chaos or crash run (faults injected by type, restarts, records, duplicates, tasks
 * lost, time to converge), printed at the end of the run and appended to
 * {@code target/chaos-report.md} so that CI keeps them as an artifact.
 */
final class ChaosReport {

    private final String title;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    ChaosReport(String title) {
        this.title = title;
    }

    ChaosReport put(String figure, Object value) {
        figures.put(figure, value);
        return this;
    }

    Object get(String figure) {
        return figures.get(figure);
    }

    String render() {
        StringBuilder text = new StringBuilder("\n### ").append(title).append("\n\n| figure | value |\n|---|---|\n");
        figures.forEach((figure, value) -> text.append("| ").append(figure).append(" | ").append(value).append(" |\n"));
        return text.toString();
    }

    /** Prints the figures and appends them to the report file; a report that cannot be written is not a failure. */
    void publish() {
        String text = render();
        System.out.println(text);
        Path file = Path.of(System.getProperty("project.build.directory", "target"), "chaos-report.md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "\n<!-- " + Instant.now() + " -->" + text, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not write " + file + ": " + new UncheckedIOException(e).getMessage());
        }
    }
}
