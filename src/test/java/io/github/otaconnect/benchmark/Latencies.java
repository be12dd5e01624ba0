package io.github.otaconnect.benchmark;

import java.util.Arrays;

/** Latency samples in milliseconds, and their percentiles. Not thread-safe. */
final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    void add(long millis) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = millis;
    }

    int count() {
        return size;
    }

    /** The {@code p}-th percentile (nearest rank), or null without samples. */
    Long percentile(double p) {
        if (size == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    Summary summary() {
        return new Summary(size, percentile(50), percentile(99), percentile(100));
    }

    /** Milliseconds; null when nothing was measured. */
    record Summary(int count, Long p50Ms, Long p99Ms, Long maxMs) {
    }
}
