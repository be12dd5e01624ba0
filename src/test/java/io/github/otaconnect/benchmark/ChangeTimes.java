package io.github.otaconnect.benchmark;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import io.github.otaconnect.simulator.TaskState;

/**
 * When each task state a benchmark made the simulator take became visible, to the millisecond. The API
 * rounds {@code UtcModified} to the second, so a lag measured from it is off by up to a second; measured
 * from here it is not. Keyed by what a delivered task carries (task, status, {@code UtcModified} second),
 * so a reader's output can be matched without knowing how it was read. Thread-safe: the changing thread
 * records, the reading threads look up.
 */
final class ChangeTimes {

    private final ConcurrentHashMap<Key, Long> visibleAt = new ConcurrentHashMap<>();

    private record Key(String taskId, String status, long modifiedSecond) {
    }

    /**
     * @param state       the task as the simulator holds it right after the change
     * @param visibleAtMs wall time when the simulator held it (the change is readable from then on)
     */
    void record(TaskState state, long visibleAtMs) {
        // The earliest time wins: a task that comes back to the same state within one second is
        // indistinguishable from the first visit, and the first visit gives the longer, safer lag.
        visibleAt.putIfAbsent(new Key(state.taskId(), state.taskStatus(), state.utcModified().getEpochSecond()),
                visibleAtMs);
    }

    /** When the simulator made this state visible, or null when no recorded change produced it. */
    Long changedAt(String taskId, String status, Instant modified) {
        if (taskId == null || status == null || modified == null) {
            return null;
        }
        return visibleAt.get(new Key(taskId, status, modified.getEpochSecond()));
    }
}
