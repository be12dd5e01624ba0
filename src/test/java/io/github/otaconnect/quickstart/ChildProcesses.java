package io.github.otaconnect.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts JVMs as child processes and stops every one of them, newest first (so a Connect worker stops
 * while its broker is still there). Each child gets its own session when {@code setsid} exists: a Ctrl-C
 * in the terminal then reaches only the quickstart, which stops the children in order, instead of
 * hitting all of them at once. Each child's PID is appended to {@code <workDir>/pids} for the shell
 * script's last-resort cleanup, and its command line names {@code workDir}, so that cleanup can tell a
 * child of this run from an unrelated process that reuses the PID.
 */
public final class ChildProcesses implements AutoCloseable {

    /** What a child's command line carries to mark it as started for {@code workDir}. */
    public static final String OWNER_PROPERTY = "otaconnect.quickstart.owner";

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path workDir;
    private final Path pidFile;
    private final List<ChildProcess> started = new ArrayList<>();
    private boolean closed;

    public ChildProcesses(Path workDir) {
        this.workDir = workDir.toAbsolutePath();
        this.pidFile = this.workDir.resolve("pids");
        try {
            Files.createDirectories(this.workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDir, e);
        }
    }

    public Path workDir() {
        return workDir;
    }

    public synchronized ChildProcess start(JavaCommand command) {
        if (closed) {
            throw new IllegalStateException("already stopped");
        }
        Path log = workDir.resolve(command.name() + ".log");
        List<String> line = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            line.add(SETSID.toString());
        }
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.add("-D" + OWNER_PROPERTY + "=" + workDir);
        line.addAll(command.jvmOptions());
        line.add("-cp");
        line.add(String.join(java.io.File.pathSeparator, command.classpath()));
        line.add(command.mainClass());
        line.addAll(command.args());
        ProcessBuilder builder = new ProcessBuilder(line)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(command.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.name(), e);
        }
        ChildProcess child = new ChildProcess(command.name(), process, log);
        started.add(child);
        recordPid(child);
        return child;
    }

    public synchronized List<ChildProcess> started() {
        return List.copyOf(started);
    }

    /** Stops every child, newest first; each gets {@link #STOP_GRACE} to shut down before it is killed. */
    @Override
    public void close() {
        List<ChildProcess> toStop;
        synchronized (this) {
            closed = true;
            toStop = new ArrayList<>(started);
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            toStop.get(i).stop(STOP_GRACE);
        }
    }

    private void recordPid(ChildProcess child) {
        try {
            Files.writeString(pidFile, child.pid() + " " + child.name() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pidFile, e);
        }
    }
}
