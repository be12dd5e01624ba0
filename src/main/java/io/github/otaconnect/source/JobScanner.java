package io.github.otaconnect.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.carrotsearch.hppc.LongHashSet;

import io.github.otaconnect.api.JobResult;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaJob;
import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.source.OtaSourceConnectorConfig.FinishedJobPolicy;
import io.github.otaconnect.source.OtaSourceConnectorConfig.StartMode;

/**
 * One scan of one job: read the job and its tasks (all of them, {@link FullScan}, or only those that can
 * have changed, {@link ChangeScan}), decide which observed states are new, and hand them over as records,
 * each carrying an offset that is true at its position in the stream.
 *
 * <p>Why nothing is lost or repeated across a restart (see {@link JobOffset} for the offset's claims):
 * <ul>
 *   <li>A scan reads before it emits, then emits the changes in {@code UtcModified} order (a first read
 *       with more changes than {@link ScanSettings#maxBufferedChanges()} emits early, and then keeps the
 *       watermark where it was until its end). So at any record, every change not yet emitted has an {@code UtcModified} at or after that
 *       record's: the watermark may move to it (the JDBC connector's timestamp-mode bug, ties inside one
 *       second, is avoided by the {@code recent} fingerprints, which name each emitted state of that
 *       second).</li>
 *   <li>The watermark never passes the scan's start (server time, minus one second for its resolution): a
 *       change made while the scan ran, after its row was read, carries a later {@code UtcModified} and is
 *       found by the next scan.</li>
 *   <li>A change that becomes visible late carries an {@code UtcModified} older than the watermark; up to
 *       the look-back window, a restarted task still compares it with the remembered fingerprints.</li>
 *   <li>An incomplete listing (paging window, statuses that do not add up) emits what it saw but leaves
 *       the watermark where it was.</li>
 * </ul>
 */
final class JobScanner {

    private static final Logger log = LoggerFactory.getLogger(JobScanner.class);
    /** Server time has one-second resolution: a scan that starts at x.999 s must not claim x+1. */
    private static final Duration SERVER_TIME_RESOLUTION = Duration.ofSeconds(1);

    private final OtaApi api;
    private final RecordFactory records;
    private final ScanSettings settings;
    private final Clock clock;
    /** What this task learned about filtering by status holds for all its jobs: one refusal is enough. */
    private final StatusFilters statusFilters = new StatusFilters();

    JobScanner(OtaApi api, RecordFactory records, ScanSettings settings, Clock clock) {
        this.api = api;
        this.records = records;
        this.settings = settings;
        this.clock = clock;
    }

    /** Scans the job once, passes its records to {@code sink} in order, and schedules its next scan. */
    ScanOutcome scan(JobState state, RecordSink sink) throws InterruptedException {
        Instant localStart = clock.instant();
        JobResult jobResult = api.queryJob(state.jobId());
        OtaJob job = jobResult.job();
        Instant serverNow = jobResult.serverTime() != null ? jobResult.serverTime() : localStart;
        Instant scanStart = serverNow.minus(SERVER_TIME_RESOLUTION);
        Emitter emitter = new Emitter(state, sink);

        if (job.isPlanned() && job.utcScheduleTime() != null && serverNow.isBefore(job.utcScheduleTime())) {
            emitter.snapshot(new JobSnapshot(job, null, Map.of(), 0, false, jobResult.requestId(), localStart));
            emitter.flush();
            Instant nextCheck = earliest(localStart.plus(settings.plannedJobCheckInterval()),
                    localStart.plus(Duration.between(serverNow, job.utcScheduleTime())));
            state.scheduleNextScan(nextCheck);
            return new ScanOutcome(1, 0, emitter.emitted(), true, false);
        }

        Scan scan = new Scan(state, emitter, scanStart);
        ListingReader reader = new ListingReader(api, state.jobId(), settings.pageSize(), scan, statusFilters);
        boolean firstRead = !state.indexComplete();
        boolean wholeJob = firstRead;
        long trackedBefore = state.trackedTasks();
        ScanResult result;
        if (firstRead) {
            result = FullScan.run(reader, scan, state.index(), state.jobId());
        } else {
            Predicate<TaskIndex.Unsettled> mayBeRetried = retryPolicy(job, serverNow);
            wholeJob = rereadIsCheaper(state, mayBeRetried);
            result = wholeJob ? FullScan.reread(reader, scan, state.index(), state.jobId())
                    : ChangeScan.run(reader, scan, state.index(), mayBeRetried, state.growing());
            if (!wholeJob && !result.needsFullScan()) {
                state.movedLastScan(result.moved());
            }
            if (result.needsFullScan()) {
                log.info("Job {}: the job has {} tasks, {} known to the connector; reading the whole job",
                        state.jobId(), result.total(), scan.knownTasks());
                wholeJob = true;
                result = FullScan.run(reader, scan, state.index(), state.jobId());
            }
        }
        if (!firstRead) {
            state.growing(state.trackedTasks() > trackedBefore);
        }
        scan.finish(result.complete(), clock.instant());
        state.indexComplete(result.indexComplete());
        if (!result.indexComplete()) {
            log.warn("Job {}: {} of {} tasks could not be read in this scan (the API pages at most {} rows per "
                            + "listing, and rows move while pages are read). Their changes will be emitted once "
                            + "readable; the job snapshot says fully_observable=false.",
                    state.jobId(), result.unreadable(), result.total(), ListingReader.PAGING_WINDOW);
        }

        boolean finished = result.complete() && isFinished(job, state.index(), serverNow);
        emitter.snapshot(new JobSnapshot(job, result.total(), state.index().countsByStatus(), result.unreadable(),
                finished, jobResult.requestId(), clock.instant()));
        emitter.flush();

        state.scheduleNextScan(localStart.plus(settings.pollInterval()));
        return new ScanOutcome(1 + reader.calls(), scan.changes(), emitter.emitted(), result.complete(), wholeJob,
                reader.malformedRows());
    }

    /**
     * Per job and cycle, the cheaper way to follow a job whose tasks are all known: reading it whole, or
     * only what can have changed. A small busy job is cheaper to read whole; a large mostly settled one is not.
     */
    private boolean rereadIsCheaper(JobState state, Predicate<TaskIndex.Unsettled> mayBeRetried) {
        if (state.trackedTasks() > ListingReader.PAGING_WINDOW) {
            return false;
        }
        long reread = FullScan.estimatedCalls(state.trackedTasks(), settings.pageSize());
        long change = ChangeScan.estimatedCalls(state.index(), settings.pageSize(), mayBeRetried,
                state.movedLastScan(), statusFilters::mayFilter);
        return reread <= change;
    }

    /**
     * A job is finished when the vendor says so and no task can change any more. A FAILED task can still
     * be re-queued while the job's retry policy allows, so it counts as final only once a retry interval
     * (plus the look-back window) has passed since it failed.
     */
    private boolean isFinished(OtaJob job, TaskIndex index, Instant serverNow) {
        if (!job.isTerminal() || settings.finishedJobPolicy() == FinishedJobPolicy.WATCH) {
            return false;
        }
        Predicate<TaskIndex.Unsettled> mayBeRetried = retryPolicy(job, serverNow);
        for (TaskIndex.Unsettled task : index.unsettled()) {
            if (!"FAILED".equals(task.status()) || mayBeRetried.test(task)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a FAILED task may still be re-queued: the job has a retry policy and the task failed less
     * than one retry interval (plus the look-back window, for late visibility) ago.
     */
    private Predicate<TaskIndex.Unsettled> retryPolicy(OtaJob job, Instant serverNow) {
        if (!job.hasRetryPolicy()) {
            return task -> false;
        }
        Duration window = Duration.ofMinutes(job.retryIntervalMinutes() == null ? 0 : job.retryIntervalMinutes())
                .plus(settings.lookback());
        return task -> task.modified() == null || task.modified().plus(window).isAfter(serverNow);
    }

    /**
     * One scan in progress: receives every row as it is read, keeps the changes (only those: a row equal
     * to its delivered state is dropped at once, so memory follows changes, not job size), and emits
     * them in {@code UtcModified} order at the end. If more changes pile up than
     * {@link ScanSettings#maxBufferedChanges()} (a first read of a huge job), they are emitted early and the
     * watermark stays where it was until the next complete scan.
     */
    private final class Scan implements ScanView, ListingReader.RowSink {
        private final JobState state;
        private final Emitter emitter;
        private final Instant scanStart;
        private final boolean baseline;
        private final JobOffset restored;
        private final Instant restoredHorizon;
        private final LongHashSet observedKeys = new LongHashSet();
        private final Set<String> statusesSeen = new LinkedHashSet<>();
        private final Map<String, Observation> buffered = new HashMap<>();
        private boolean watermarkFrozen;
        private int changes;
        private int possibleRepeats;

        Scan(JobState state, Emitter emitter, Instant scanStart) {
            this.state = state;
            this.emitter = emitter;
            this.scanStart = scanStart;
            this.baseline = !state.baselineTaken() && settings.startMode() == StartMode.CHANGES;
            this.restored = state.restored();
            this.restoredHorizon = restored.watermark() == null ? null : restored.watermark().minus(settings.lookback());
        }

        @Override
        public void accept(Observation observation) throws InterruptedException {
            OtaTask task = observation.task();
            observedKeys.add(TaskIndex.key(task.taskId()));
            statusesSeen.add(task.taskStatus() == null ? "" : task.taskStatus());
            Observation pending = buffered.get(task.taskId());
            if (pending != null) {
                // Read twice in one scan (rows move between pages): the newer observation wins, ties go to the later read.
                if (!isOlder(task, pending.task())) {
                    buffered.put(task.taskId(), observation);
                }
                return;
            }
            if (isChange(observation)) {
                buffered.put(task.taskId(), observation);
                if (buffered.size() > settings.maxBufferedChanges()) {
                    emitBuffered(false, null);
                }
            }
        }

        /** Whether the observed state is new to the stream; if not, records why it is known. */
        private boolean isChange(Observation observation) {
            OtaTask task = observation.task();
            long fingerprint = observation.fingerprint();
            Long delivered = state.index().delivered(task.taskId());
            if (delivered != null) {
                return delivered != fingerprint;
            }
            if (baseline) {
                state.deliver(task, fingerprint);
                return false;
            }
            if (restoredHorizon != null && task.utcModified() != null && !task.utcModified().isAfter(restoredHorizon)) {
                // Delivered before this task started: the committed watermark vouches for it.
                state.restoreDelivered(task, fingerprint, false);
                return false;
            }
            if (restored.remembers(StateFingerprint.ofTaskState(task.taskId(), fingerprint))) {
                state.restoreDelivered(task, fingerprint, true);
                return false;
            }
            if (!restored.recentComplete() && restoredHorizon != null) {
                // The committed offset had to leave out some states of its window: this one may be a repeat.
                possibleRepeats++;
            }
            return true;
        }

        void finish(boolean complete, Instant observedAt) throws InterruptedException {
            if (possibleRepeats > 0) {
                log.info("Job {}: {} task states inside the look-back window were emitted although they may have "
                        + "been delivered before the restart (the committed offset held at most {} of that window's "
                        + "states; raise {} to avoid this)", state.jobId(), possibleRepeats,
                        settings.maxRecentStates(), OtaSourceConnectorConfig.OFFSET_RECENT_MAX_ENTRIES);
                possibleRepeats = 0;
            }
            emitBuffered(complete && !watermarkFrozen, observedAt);
            if (complete) {
                state.advanceWatermark(scanStart);
            }
            if (baseline) {
                state.markBaselineTaken();
            }
        }

        /**
         * Emits the buffered changes oldest first. With {@code advance}, the watermark follows: every change
         * still to be emitted in this scan is modified at or after the one just emitted.
         */
        private void emitBuffered(boolean advance, Instant observedAt) throws InterruptedException {
            if (!advance) {
                watermarkFrozen = true;
            }
            List<Observation> ordered = new ArrayList<>(buffered.values());
            buffered.clear();
            ordered.sort(Comparator.comparing((Observation o) -> o.task().utcModified(),
                    Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(o -> o.task().taskId()));
            Instant at = observedAt != null ? observedAt : clock.instant();
            for (Observation change : ordered) {
                OtaTask task = change.task();
                state.deliver(task, change.fingerprint());
                if (advance) {
                    state.advanceWatermark(earliest(task.utcModified(), scanStart));
                }
                emitter.task(task, change.requestId(), at);
                changes++;
            }
            if (!advance) {
                // What is marked delivered must be handed over before the next call can fail the scan:
                // otherwise a partial chunk would stay behind, delivered in the index but never in Kafka.
                emitter.flush();
            }
        }

        int changes() {
            return changes;
        }

        @Override
        public boolean observed(long taskKey) {
            return observedKeys.contains(taskKey);
        }

        @Override
        public long currentCount(String status) {
            long count = state.index().countsByStatus().getOrDefault(status, 0L);
            for (Observation pending : buffered.values()) {
                if (status.equals(state.index().status(pending.task().taskId()))) {
                    count--;
                }
                if (status.equals(pending.task().taskStatus())) {
                    count++;
                }
            }
            return count;
        }

        @Override
        public long knownTasks() {
            long known = state.trackedTasks();
            for (String taskId : buffered.keySet()) {
                if (state.index().delivered(taskId) == null) {
                    known++;
                }
            }
            return known;
        }

        @Override
        public Set<String> knownStatuses() {
            Set<String> statuses = new LinkedHashSet<>(state.index().countsByStatus().keySet());
            statuses.addAll(statusesSeen);
            statuses.remove("");
            return statuses;
        }

        private boolean isOlder(OtaTask candidate, OtaTask current) {
            return candidate.utcModified() != null && current.utcModified() != null
                    && candidate.utcModified().isBefore(current.utcModified());
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /**
     * Builds the records of one scan and hands them over in chunks. Only the last record of a chunk gets a
     * freshly built offset (the others reuse the previous one, which stays true later in the stream): a
     * fresh offset costs a copy of the recent fingerprints, and the framework only ever commits the offset
     * of a chunk's last record when the chunk is one poll() batch.
     */
    private final class Emitter {
        private final JobState state;
        private final RecordSink sink;
        private final List<SourceRecord> chunk = new ArrayList<>();
        private final List<PendingTask> pending = new ArrayList<>();
        private Map<String, Object> currentOffset;
        private int emitted;

        Emitter(JobState state, RecordSink sink) {
            this.state = state;
            this.sink = sink;
            this.currentOffset = state.offset(settings.lookback(), settings.maxRecentStates()).toMap();
        }

        void task(OtaTask task, String requestId, Instant observedAt) throws InterruptedException {
            pending.add(new PendingTask(task, requestId, observedAt));
            if (pending.size() >= settings.chunkSize()) {
                drainPending(true);
                handOver();
            }
        }

        void snapshot(JobSnapshot snapshot) throws InterruptedException {
            long fingerprint = snapshot.fingerprint();
            Long previous = state.jobFingerprint();
            if (previous != null && previous == fingerprint) {
                return;
            }
            drainPending(false);
            state.jobDelivered(fingerprint, snapshot.finished());
            currentOffset = state.offset(settings.lookback(), settings.maxRecentStates()).toMap();
            chunk.add(records.jobSnapshot(state.partition(), currentOffset, snapshot));
            emitted++;
        }

        void flush() throws InterruptedException {
            drainPending(true);
            handOver();
        }

        int emitted() {
            return emitted;
        }

        private void drainPending(boolean freshOffsetOnLast) {
            for (int i = 0; i < pending.size(); i++) {
                if (freshOffsetOnLast && i == pending.size() - 1) {
                    currentOffset = state.offset(settings.lookback(), settings.maxRecentStates()).toMap();
                }
                PendingTask p = pending.get(i);
                chunk.add(records.task(state.partition(), currentOffset, p.task(), p.requestId(), p.observedAt()));
                emitted++;
            }
            pending.clear();
        }

        private void handOver() throws InterruptedException {
            if (!chunk.isEmpty()) {
                sink.accept(List.copyOf(chunk));
                chunk.clear();
            }
        }
    }

    private record PendingTask(OtaTask task, String requestId, Instant observedAt) {
    }

    /** Receives the records of a scan in order, one chunk (one future poll() batch) at a time. */
    interface RecordSink {
        void accept(List<SourceRecord> chunk) throws InterruptedException;
    }

    /** What one scan did; {@code malformedRows}: rows the vendor served malformed ({@link MalformedRowLog}). */
    record ScanOutcome(int calls, int changes, int recordsEmitted, boolean complete, boolean fullScan,
                       int malformedRows) {

        ScanOutcome(int calls, int changes, int recordsEmitted, boolean complete, boolean fullScan) {
            this(calls, changes, recordsEmitted, complete, fullScan, 0);
        }
    }
}
