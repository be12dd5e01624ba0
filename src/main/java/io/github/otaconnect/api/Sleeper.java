package io.github.otaconnect.api;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits; injected so tests can run backoff and rate limiting without real time passing. */
@FunctionalInterface
public interface Sleeper {

    /** Waits for {@code d}; must throw {@link InterruptedException} when the thread is interrupted. */
    void sleep(Duration d) throws InterruptedException;

    /** Sleeps on the calling thread (interruptible). */
    static Sleeper system() {
        return d -> {
            if (!d.isNegative() && !d.isZero()) {
                TimeUnit.NANOSECONDS.sleep(saturatedNanos(d));
            } else if (Thread.interrupted()) {
                // a zero wait is still a point where a stopping task should notice its interrupt
                throw new InterruptedException();
            }
        };
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
