package io.github.otaconnect.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A JVM that {@link ChildProcesses} started; its stdout and stderr go to {@link #log()}. */
public final class ChildProcess {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String name;
    private final Process process;
    private final Path log;

    ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until the process has written a line that matches, and returns it. Fails with the end of the
     * log when the process exits first or the time is up, since that is what an operator needs to see.
     */
    public String awaitLogLine(Predicate<String> matches, String what, Duration timeout) {
        return await(() -> logLines().stream().filter(matches).findFirst(), what, timeout);
    }

    /** Waits until {@code condition} yields a value, failing early when the process exits. */
    public <T> T await(Supplier<Optional<T>> condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before "
                        + what + "; end of " + log + ":\n" + logTail(40));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(name + " did not reach '" + what + "' within " + timeout.toSeconds()
                        + " s; end of " + log + ":\n" + logTail(40));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name + " to reach " + what, e);
            }
        }
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s; end of "
                        + log + ":\n" + logTail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " to finish", e);
        }
        return process.exitValue();
    }

    /**
     * SIGTERM, so that Kafka runs its shutdown hooks (controlled shutdown, offset commits); SIGKILL when
     * that takes longer than {@code grace}, or at once when this thread is interrupted (the interrupt
     * stays set). Returns once the process is gone.
     */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public String logTail(int lines) {
        List<String> all = logLines();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Everything the process has written so far. */
    public List<String> logLines() {
        try {
            // Lossy decoding: a line cut in the middle of a multi-byte character must not fail the read
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
