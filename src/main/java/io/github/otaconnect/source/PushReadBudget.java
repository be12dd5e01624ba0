package io.github.otaconnect.source;

import java.time.Duration;

/**
 * What pushed re-reads of one job may cost: with push healthy, polling runs at the longer push interval, and
 * the calls it no longer makes are what re-reads may spend instead. At a ratio of 1, push never costs more
 * calls than polling alone would: per poll interval, at most one scan's cost, less what the safety-net
 * polling spends. A higher ratio lets a small busy job buy lower lag with more calls: while its changes never
 * stop, its re-reads can run no more often than the budget refills, and that spacing is its lag floor.
 * The token bucket is one scan's cost deep: push may spend at once what a poll spends at once, so a burst of
 * changes on a quiet job is read at once, and over any stretch of time push stays within one scan of polling.
 * (Measured: one call deep, an 8,000-task job's p99 in {@code PushIT} went from 0.4 s to 7.7 s.)
 */
final class PushReadBudget {

    private final Duration pollInterval;
    private final Duration pushPollInterval;
    private final double callRatio;
    private double tokens;
    private long lastNanos;
    private boolean started;

    PushReadBudget(Duration pollInterval, Duration pushPollInterval, double callRatio) {
        this.pollInterval = pollInterval;
        this.pushPollInterval = pushPollInterval;
        this.callRatio = callRatio;
    }

    /**
     * Whether {@code calls} may be spent now by a job whose scan costs {@code scanCost} calls; if so they
     * are taken.
     */
    boolean tryTake(int calls, long scanCost, long nowNanos) {
        refill(scanCost, nowNanos);
        if (tokens + 1e-9 < calls) {
            return false;
        }
        tokens -= calls;
        return true;
    }

    /** How long until {@code calls} can be taken, at the current refill rate. */
    Duration untilAvailable(int calls, long scanCost, long nowNanos) {
        refill(scanCost, nowNanos);
        double missing = calls - tokens;
        double rate = ratePerSecond(scanCost);
        if (missing <= 0) {
            return Duration.ZERO;
        }
        if (rate <= 0) {
            return pushPollInterval;
        }
        return Duration.ofMillis((long) Math.ceil(missing / rate * 1000));
    }

    private void refill(long scanCost, long nowNanos) {
        double capacity = Math.max(scanCost, 1);
        if (!started) {
            tokens = capacity;
            started = true;
        } else {
            tokens = Math.min(capacity, tokens + ratePerSecond(scanCost) * (nowNanos - lastNanos) / 1e9);
        }
        lastNanos = nowNanos;
    }

    private double ratePerSecond(long scanCost) {
        double perPoll = callRatio / seconds(pollInterval) - 1.0 / seconds(pushPollInterval);
        return Math.max(0, scanCost * perPoll);
    }

    private static double seconds(Duration d) {
        return Math.max(d.toMillis(), 1) / 1000.0;
    }
}
