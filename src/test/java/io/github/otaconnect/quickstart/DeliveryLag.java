package io.github.otaconnect.quickstart;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;

/**
 * How long changes took to reach a consumer: for each of the latest task records, when the watcher read it
 * minus its {@code utc_modified} (when the vendor says the task changed). Not the record's Kafka timestamp:
 * the connector sets that to UtcModified itself. Changes older than {@code since} are left out: a first read
 * writes hours of history, which says nothing about delivery. The vendor's UtcModified has one-second
 * resolution (the fraction cut off), so each sample is up to a second too long. Not thread-safe.
 */
final class DeliveryLag {

    private final int window;
    private final long sinceMillis;
    private final Deque<Long> samples = new ArrayDeque<>();

    /**
     * @param window      how many of the latest samples the percentiles cover
     * @param sinceMillis changes before this instant (epoch ms) are not sampled
     */
    DeliveryLag(int window, long sinceMillis) {
        this.window = window;
        this.sinceMillis = sinceMillis;
    }

    /** @param readAtMillis when the record was read (epoch ms) */
    void accept(long readAtMillis, long utcModified) {
        if (utcModified < sinceMillis) {
            return;
        }
        // the watcher's clock may run a little behind the simulator's
        samples.addLast(Math.max(0, readAtMillis - utcModified));
        while (samples.size() > window) {
            samples.removeFirst();
        }
    }

    int sampleCount() {
        return samples.size();
    }

    /** The {@code percent}-th percentile (nearest rank) in milliseconds; -1 without samples. */
    long percentileMillis(int percent) {
        if (samples.isEmpty()) {
            return -1;
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** One line for the board. */
    String describe() {
        String label = "delivery lag (read here - utc_modified, which has 1 s resolution) of the last "
                + sampleCount() + " task changes";
        if (samples.isEmpty()) {
            return "delivery lag: no task change since the connector was deployed yet";
        }
        return String.format(Locale.ROOT, "%s: p50 %.1f s, p99 %.1f s", label, percentileMillis(50) / 1000.0,
                percentileMillis(99) / 1000.0);
    }
}
