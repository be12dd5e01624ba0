package io.github.otaconnect.source;

import java.time.Instant;
import java.util.Arrays;

/**
 * The task states delivered (or taken as baseline) whose {@code UtcModified} may still fall inside the
 * look-back window of a future watermark: exactly what an offset must remember so that a restarted task
 * neither loses nor repeats them. Entries older than {@code watermark - lookback} are dropped when an
 * offset is taken; the offset keeps at most a configured number (the newest).
 */
final class RecentStates {

    private long[] modifiedMs = new long[16];
    private long[] fingerprints = new long[16];
    private int size;

    void add(Instant modified, long taskStateFingerprint) {
        if (size == modifiedMs.length) {
            modifiedMs = Arrays.copyOf(modifiedMs, size * 2);
            fingerprints = Arrays.copyOf(fingerprints, size * 2);
        }
        // A state without UtcModified can never be excluded by a watermark: keep it as "newest".
        modifiedMs[size] = modified == null ? Long.MAX_VALUE : modified.toEpochMilli();
        fingerprints[size] = taskStateFingerprint;
        size++;
    }

    int size() {
        return size;
    }

    /**
     * Drops the states at or before {@code horizon} (no offset will need them again) and returns the
     * fingerprints of the rest, newest first, at most {@code max} of them.
     */
    Snapshot retainAfter(Instant horizon, int max) {
        long horizonMs = horizon == null ? Long.MIN_VALUE : horizon.toEpochMilli();
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (modifiedMs[i] > horizonMs) {
                modifiedMs[kept] = modifiedMs[i];
                fingerprints[kept] = fingerprints[i];
                kept++;
            }
        }
        size = kept;
        if (size <= max) {
            return new Snapshot(Arrays.copyOf(fingerprints, size), true);
        }
        // Entries are appended roughly in time order; the newest are the ones a restart most likely meets.
        return new Snapshot(Arrays.copyOfRange(fingerprints, size - max, size), false);
    }

    record Snapshot(long[] fingerprints, boolean complete) {
    }
}
