package io.github.otaconnect.api;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code permitsPerSecond} tokens are added continuously, at most {@code burst} are kept.
 * With the default burst of 1 calls are spread evenly instead of bunching at the start of each second,
 * which is what a per-second quota on the vendor side rewards.
 *
 * <p>Waiters reserve their slot under the lock and sleep outside it, so concurrent callers queue in
 * arrival order without holding each other up. An interrupted waiter gives up its slot (the bucket stays
 * conservative: it never lets more through than the rate). Time comes from a monotonic nanosecond ticker,
 * not a wall clock, so clock adjustments do not stall or flood the bucket; tests inject both the ticker
 * and the sleeper.
 */
public final class RateLimiter {

    private final double permitsPerSecond;
    private final double intervalNanos;
    private final double burst;
    private final LongSupplier ticker;
    private final Sleeper sleeper;

    private double storedPermits;
    private long nextFreeNanos;

    /**
     * @param permitsPerSecond tokens per second, fractional allowed (0.5 = one call every 2 s);
     *                         {@link Double#POSITIVE_INFINITY} never waits
     * @param burst            how many tokens may accumulate while idle (at least 1)
     * @param ticker           monotonic nanoseconds, like {@link System#nanoTime()}
     */
    public RateLimiter(double permitsPerSecond, int burst, LongSupplier ticker, Sleeper sleeper) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("permitsPerSecond must be > 0, was " + permitsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1, was " + burst);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.intervalNanos = 1e9 / permitsPerSecond;
        this.burst = burst;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.storedPermits = burst;
        this.nextFreeNanos = ticker.getAsLong();
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

    /** Reserves the next token and returns the ticker value at which it may be used. */
    private synchronized long reserve() {
        long now = ticker.getAsLong();
        if (now - nextFreeNanos > 0) {
            storedPermits = Math.min(burst, storedPermits + (now - nextFreeNanos) / intervalNanos);
            nextFreeNanos = now;
        }
        long readyAt = nextFreeNanos;
        double fromStore = Math.min(1.0, storedPermits);
        storedPermits -= fromStore;
        nextFreeNanos += (long) Math.ceil((1.0 - fromStore) * intervalNanos);
        return readyAt;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + permitsPerSecond + "/s, burst " + (int) burst + "]";
    }
}
