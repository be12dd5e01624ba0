package io.github.otaconnect.source;

import java.time.Instant;
import java.util.Arrays;

/**
 * The task states delivered (or taken as baseline) whose {@code UtcModified} may still fall inside the
 * look-back window of a future watermark: exactly what an offset must remember so that a restarted task
 * neither loses nor repeats them. Entries older than {@code watermark - lookback} are dropped when an
 * offset is taken; the offset keeps at most a configured number (the newest). Memory is bounded too: past
 * {@link #KEPT} entries (a first read of a huge job, before any watermark exists) the oldest are dropped,
 * and offsets say they are incomplete until the watermark's horizon has passed every dropped entry.
 */
final class RecentStates {

    /** More than any offset may hold ({@code ota.offset.recent.max.entries} is at most {@value JobOffset#MAX_RECENT_STATES}). */
    static final int KEPT = 2 * JobOffset.MAX_RECENT_STATES;

    private long[] modifiedMs = new long[16];
    private long[] fingerprints = new long[16];
    private int size;
    /** The newest modification time among the dropped entries, or Long.MIN_VALUE if none was dropped. */
    private long droppedUpToMs = Long.MIN_VALUE;

    void add(Instant modified, long taskStateFingerprint) {
        if (size >= 2 * KEPT) {
            dropOldest(size - KEPT);
        }
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
        boolean nothingDroppedInWindow = droppedUpToMs <= horizonMs;
        if (size <= max) {
            return new Snapshot(Arrays.copyOf(fingerprints, size), nothingDroppedInWindow);
        }
        // Entries are appended roughly in time order; the newest are the ones a restart most likely meets.
        return new Snapshot(Arrays.copyOfRange(fingerprints, size - max, size), false);
    }

    /** Drops the {@code count} entries added first (roughly the oldest), remembering how new they were. */
    private void dropOldest(int count) {
        for (int i = 0; i < count; i++) {
            droppedUpToMs = Math.max(droppedUpToMs, modifiedMs[i]);
        }
        System.arraycopy(modifiedMs, count, modifiedMs, 0, size - count);
        System.arraycopy(fingerprints, count, fingerprints, 0, size - count);
        size -= count;
    }

    record Snapshot(long[] fingerprints, boolean complete) {
    }
}
