package io.github.otaconnect.benchmark;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A main class of the test classpath in a JVM of its own (its own heap limit), talking through lines on
 * stdin/stdout; its stderr and stdout go to a log file. The classpath is this JVM's test classpath, whether
 * it was started by {@code exec:java} (a class loader with the project's classpath), {@code exec:exec} or
 * Surefire ({@code java.class.path}); {@code -Dbenchmark.classpath} overrides it.
 */
final class ChildJvm implements AutoCloseable {

    private static final String END = "\u0000end";

    private final String name;
    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Writer stdin;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(String name, List<String> jvmOptions, Class<?> mainClass, List<String> args, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(testClasspath());
        command.add(mainClass.getName());
        command.addAll(args);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Files.writeString(log, String.join(" ", command.subList(0, command.indexOf("-cp")))
                    + " -cp <test classpath> " + String.join(" ", command.subList(command.indexOf("-cp") + 2,
                    command.size())) + System.lineSeparator());
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The first line of stdout starting with {@code prefix}, without it; null on timeout or exit. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            String line = lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                if (line != null) {
                    lines.add(END);
                }
                return null;
            }
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
    }

    void send(String line) {
        try {
            stdin.write(line + System.lineSeparator());
            stdin.flush();
        } catch (IOException e) {
            // the child is gone: nothing to tell it any more
        }
    }

    /** The exit code, or null if it is still running after {@code timeout}. */
    Integer waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    boolean logContains(String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed
        }
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                Files.writeString(log, "[stdout] " + line + System.lineSeparator(),
                        java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            // the child closed its stdout
        } finally {
            lines.add(END);
        }
    }

    static String testClasspath() {
        String explicit = System.getProperty("benchmark.classpath");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader loader = ChildJvm.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    try {
                        entries.add(new File(url.toURI()).getPath());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a file: nothing a child JVM could load from
                    }
                }
            }
        }
        if (!entries.isEmpty()) {
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    @Override
    public String toString() {
        return name;
    }
}
