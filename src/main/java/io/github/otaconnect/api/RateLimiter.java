package io.github.otaconnect.api;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code permitsPerSecond} tokens are added continuously, at most {@code burst} are kept.
 * With the default burst of 1 calls are spread evenly instead of bunching at the start of each second,
 * which is what a per-second quota on the vendor side rewards.
 *
 * <p>Kept in the equivalent "theoretical arrival time" form (GCRA) so all arithmetic is exact integer
 * nanoseconds: each caller books the next slot at once and then sleeps until it, outside the lock, so
 * concurrent callers queue in arrival order. An interrupted waiter leaves its slot booked, so the bucket
 * errs on the side of fewer calls, never more. Time comes from a monotonic nanosecond ticker, not a wall
 * clock, so clock adjustments neither stall nor flood the bucket; tests inject the ticker and the sleeper.
 */
public final class RateLimiter {

    /** Slower than one call in 11 days is a configuration mistake, and would overflow the arithmetic. */
    public static final double MIN_PERMITS_PER_SECOND = 1e-6;

    private final double permitsPerSecond;
    private final long intervalNanos;
    private final long burstToleranceNanos;
    private final int burst;
    private final LongSupplier ticker;
    private final Sleeper sleeper;

    /** When the next token would be due if nobody had saved any up. */
    private long theoreticalArrivalNanos;

    /**
     * @param permitsPerSecond tokens per second, fractional allowed (0.5 = one call every 2 s);
     *                         {@link Double#POSITIVE_INFINITY} never waits
     * @param burst            how many tokens may accumulate while idle (at least 1)
     * @param ticker           monotonic nanoseconds, like {@link System#nanoTime()}
     */
    public RateLimiter(double permitsPerSecond, int burst, LongSupplier ticker, Sleeper sleeper) {
        if (!(permitsPerSecond >= MIN_PERMITS_PER_SECOND)) {
            throw new IllegalArgumentException("permitsPerSecond must be >= " + MIN_PERMITS_PER_SECOND + ", was "
                    + permitsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1, was " + burst);
        }
        this.permitsPerSecond = permitsPerSecond;
        // rounded up so the limiter never lets through more than the configured rate
        this.intervalNanos = (long) Math.ceil(1e9 / permitsPerSecond);
        this.burstToleranceNanos = Math.multiplyExact((long) (burst - 1), intervalNanos);
        this.burst = burst;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.theoreticalArrivalNanos = ticker.getAsLong();
    }

    /** A limiter on real time with a burst of 1. */
    public static RateLimiter create(double permitsPerSecond) {
        return new RateLimiter(permitsPerSecond, 1, System::nanoTime, Sleeper.system());
    }

    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /** Takes one token, waiting until one is available. */
    public void acquire() throws InterruptedException {
        long readyAt = reserve();
        long remaining;
        // loop because a sleeper may return early; a real one never does, so this is one sleep in practice
        while ((remaining = readyAt - ticker.getAsLong()) > 0) {
            sleeper.sleep(Duration.ofNanos(remaining));
        }
    }

    /** Books the next slot and returns the ticker value at which the caller may proceed. */
    private synchronized long reserve() {
        long now = ticker.getAsLong();
        if (now - theoreticalArrivalNanos > 0) {
            theoreticalArrivalNanos = now;
        }
        long readyAt = theoreticalArrivalNanos - burstToleranceNanos;
        theoreticalArrivalNanos += intervalNanos;
        return readyAt - now > 0 ? readyAt : now;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + permitsPerSecond + "/s, burst " + burst + "]";
    }
}
