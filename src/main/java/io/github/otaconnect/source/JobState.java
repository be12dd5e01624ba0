package io.github.otaconnect.source;

import java.time.Duration;
import java.time.Instant;

import io.github.otaconnect.api.OtaTask;

/**
 * Everything one task knows about one job between scans: the last delivered state of each task (to
 * emit only changes), the states an offset must remember, the watermark, and when to scan next.
 * Owned by the scanning thread alone.
 */
final class JobState {

    private final JobPartition partition;
    /** The offset committed before this task started, consulted for tasks not yet seen by this task. */
    private final JobOffset restored;
    private final TaskIndex index = new TaskIndex();
    private final RecentStates recent = new RecentStates();
    /** True once a complete scan delivered every task: from then on a change-driven scan is enough. */
    private boolean indexComplete;
    private Instant watermark;
    private Long jobFingerprint;
    private boolean finished;
    private boolean baselineTaken;
    private Instant nextScanAt = Instant.EPOCH;
    /** Known tasks that left their listing in the last change scan; -1 before the first one. */
    private long movedLastScan = -1;
    /** The last scan after the first read found tasks new to the connector (a dynamic job adding devices). */
    private boolean growing;
    private int consecutiveFailures;

    /**
     * @param keepFinished whether a job the offset says is finished stays finished (not scanned again), as
     *                     opposed to being watched anyway
     */
    JobState(JobPartition partition, JobOffset restored, boolean keepFinished) {
        this.partition = partition;
        this.restored = restored;
        this.watermark = restored.watermark();
        this.jobFingerprint = restored.jobFingerprint();
        this.finished = restored.finished() && keepFinished;
        this.baselineTaken = !restored.isNone();
    }

    JobPartition partition() {
        return partition;
    }

    String jobId() {
        return partition.jobId();
    }

    TaskIndex index() {
        return index;
    }

    /** Records a state as delivered (emitted, or taken as baseline). */
    void deliver(OtaTask task, long stateFingerprint) {
        index.deliver(task, stateFingerprint);
        recent.add(task.utcModified(), StateFingerprint.ofTaskState(task.taskId(), stateFingerprint));
    }

    /**
     * Whether the offset committed before this task started vouches that this state was delivered then:
     * its watermark covers it (modified before the look-back window), or its recent fingerprints name it.
     * If so, the state is recorded as delivered.
     */
    boolean deliveredBeforeRestart(OtaTask task, long stateFingerprint, Duration lookback) {
        Instant restoredWatermark = restored.watermark();
        if (restoredWatermark != null && task.utcModified() != null
                && !task.utcModified().isAfter(restoredWatermark.minus(lookback))) {
            restoreDelivered(task, stateFingerprint, false);
            return true;
        }
        if (restored.remembers(StateFingerprint.ofTaskState(task.taskId(), stateFingerprint))) {
            restoreDelivered(task, stateFingerprint, true);
            return true;
        }
        return false;
    }

    /**
     * The committed offset had to leave out some states of its look-back window: a state it does not vouch
     * for may still have been delivered before the restart.
     */
    boolean restoredOffsetPartial() {
        return restored.watermark() != null && !restored.recentComplete();
    }

    /**
     * Records a state delivered before this task started: remembered, and added to later offsets only when
     * it is inside the look-back window, where they must still name it.
     */
    private void restoreDelivered(OtaTask task, long stateFingerprint, boolean insideWindow) {
        index.deliver(task, stateFingerprint);
        if (insideWindow) {
            recent.add(task.utcModified(), StateFingerprint.ofTaskState(task.taskId(), stateFingerprint));
        }
    }

    int trackedTasks() {
        return index.size();
    }

    boolean indexComplete() {
        return indexComplete;
    }

    void indexComplete(boolean complete) {
        indexComplete = complete;
    }

    Instant watermark() {
        return watermark;
    }

    /** Watermarks only move forward: every claim an earlier offset made stays true. */
    void advanceWatermark(Instant candidate) {
        if (candidate != null && (watermark == null || candidate.isAfter(watermark))) {
            watermark = candidate;
        }
    }

    /** The offset that describes everything delivered so far. */
    JobOffset offset(Duration lookback, int maxRecent) {
        Instant horizon = watermark == null ? null : watermark.minus(lookback);
        RecentStates.Snapshot snapshot = recent.retainAfter(horizon, maxRecent);
        return new JobOffset(watermark, snapshot.fingerprints(), snapshot.complete(), jobFingerprint, finished);
    }

    Long jobFingerprint() {
        return jobFingerprint;
    }

    void jobDelivered(long fingerprint, boolean finishedNow) {
        this.jobFingerprint = fingerprint;
        this.finished = finishedNow;
    }

    boolean finished() {
        return finished;
    }

    boolean baselineTaken() {
        return baselineTaken;
    }

    void markBaselineTaken() {
        baselineTaken = true;
    }

    long movedLastScan() {
        return movedLastScan;
    }

    void movedLastScan(long moved) {
        movedLastScan = moved;
    }

    boolean growing() {
        return growing;
    }

    void growing(boolean growing) {
        this.growing = growing;
    }

    Instant nextScanAt() {
        return nextScanAt;
    }

    void scheduleNextScan(Instant at) {
        nextScanAt = at;
    }

    /** Whether the last scan failed: the job is backing off, and pushed messages wait for its next scan. */
    boolean failing() {
        return consecutiveFailures > 0;
    }

    int recordFailure() {
        return ++consecutiveFailures;
    }

    /** Resets the failure streak; returns how long it was. */
    int recordSuccess() {
        int streak = consecutiveFailures;
        consecutiveFailures = 0;
        return streak;
    }
}
