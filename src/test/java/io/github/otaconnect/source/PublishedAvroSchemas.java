package io.github.otaconnect.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The Avro schemas the project publishes: the current ones in {@code src/main/avro}, and every released
 * version kept in {@code src/test/resources/avro/v<N>} so that later versions can be checked against them.
 * When a schema changes, copy the released files into a new {@code v<N>} directory before editing
 * {@code src/main/avro}: the compatibility test then covers the new version automatically.
 */
final class PublishedAvroSchemas {

    /** File stem of each published schema, with the Connect schema it is the translation of. */
    static final Map<String, org.apache.kafka.connect.data.Schema> CONNECT_SCHEMAS = Map.of(
            "OtaJob", RecordSchemas.JOB,
            "OtaTask", RecordSchemas.TASK,
            "OtaJobKey", RecordSchemas.JOB_KEY,
            "OtaTaskKey", RecordSchemas.TASK_KEY);

    // Maven runs tests in the project's base directory.
    private static final Path CURRENT = Path.of("src", "main", "avro");
    private static final Path RELEASED = Path.of("src", "test", "resources", "avro");

    private PublishedAvroSchemas() {
    }

    static Schema current(String name) {
        return parse(CURRENT.resolve(name + ".avsc"));
    }

    /** The released version directories ({@code v1}, {@code v2}, ...), oldest first. */
    static List<Path> releasedVersions() {
        try (Stream<Path> dirs = Files.list(RELEASED)) {
            return dirs.filter(Files::isDirectory)
                    .filter(dir -> dir.getFileName().toString().matches("v\\d+"))
                    .sorted((a, b) -> Integer.compare(versionNumber(a), versionNumber(b)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema released(Path versionDir, String name) {
        return parse(versionDir.resolve(name + ".avsc"));
    }

    /**
     * Why {@code reader} cannot read data written with {@code writer}, or null when it can: the check a
     * schema registry's BACKWARD compatibility applies to a new version.
     */
    static String incompatibility(Schema reader, Schema writer) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return result.getDescription() + " " + result.getResult().getIncompatibilities();
    }

    private static int versionNumber(Path dir) {
        return Integer.parseInt(dir.getFileName().toString().substring(1));
    }

    private static Schema parse(Path file) {
        try {
            // A fresh parser per file: both job and task schemas define OtaSource.
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
        }
    }
}
