package io.github.otaconnect.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1-based) wait a uniformly random time in
 * {@code [0, min(max, base × 2^(n-1)))}. Full jitter keeps many clients that failed together from retrying
 * together. After throttling the base is the larger {@code throttleBackoff}: the shared account quota needs
 * time to refill, and hammering it would throttle every other client of the account too.
 */
public final class BackoffPolicy {

    private final long initialNanos;
    private final long maxNanos;
    private final long throttleNanos;
    private final DoubleSupplier jitter;

    /** @param jitter uniform values in [0, 1); injected so tests can pin the random part */
    BackoffPolicy(Duration initial, Duration max, Duration throttle, DoubleSupplier jitter) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.throttleNanos = throttle.toNanos();
        this.jitter = jitter;
    }

    /** Without jitter each wait is the whole {@link #ceiling}; throttling has no base of its own. */
    public BackoffPolicy(Duration initial, Duration max) {
        this(initial, max, initial, () -> 1.0);
    }

    /** Full jitter, for clients that fail together (a broker outage) so that they do not come back together. */
    public static BackoffPolicy jittered(Duration initial, Duration max) {
        return new BackoffPolicy(initial, max, initial, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The upper bound of the wait before retry {@code retry}. */
    Duration ceiling(int retry, boolean throttled) {
        long base = throttled ? throttleNanos : initialNanos;
        int doublings = Math.min(Math.max(retry - 1, 0), 62);
        // compare before shifting so a large retry number saturates at max instead of overflowing
        long bound = base > (maxNanos >> doublings) ? maxNanos : Math.min(maxNanos, base << doublings);
        return Duration.ofNanos(bound);
    }

    /** The wait before retry {@code retry}: a random fraction of {@link #ceiling}. */
    public Duration delay(int retry, boolean throttled) {
        double fraction = jitter.getAsDouble();
        if (!(fraction >= 0)) {
            fraction = 0;
        } else if (fraction > 1) {
            fraction = 1;
        }
        return Duration.ofNanos((long) (ceiling(retry, throttled).toNanos() * fraction));
    }
}
