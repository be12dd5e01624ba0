package io.github.otaconnect.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.JobResult;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaJob;
import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.source.OtaSourceConnectorConfig.FinishedJobPolicy;
import io.github.otaconnect.source.OtaSourceConnectorConfig.StartMode;
import io.github.otaconnect.source.TaskLister.Observation;
import io.github.otaconnect.source.TaskLister.TaskListing;

/**
 * One scan of one job: read the job and all its tasks, decide which observed states are new, and hand
 * them over as records, each carrying an offset that is true at its position in the stream.
 *
 * <p>Why nothing is lost or repeated across a restart (see {@link JobOffset} for the offset's claims):
 * <ul>
 *   <li>A scan reads everything before it emits anything, then emits the changes in {@code UtcModified}
 *       order. So at any record, every change not yet emitted has an {@code UtcModified} at or after that
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
    private final TaskLister lister;
    private final RecordFactory records;
    private final ScanSettings settings;
    private final Clock clock;

    JobScanner(OtaApi api, RecordFactory records, ScanSettings settings, Clock clock) {
        this.api = api;
        this.lister = new TaskLister(api, settings.pageSize());
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

        if (job.isPlanned() && job.utcScheduleTime() != null && serverNow.isBefore(job.utcScheduleTime())) {
            Emitter emitter = new Emitter(state, sink);
            emitter.snapshot(new JobSnapshot(job, null, 0, false, jobResult.requestId(), localStart));
            emitter.flush();
            Instant nextCheck = earliest(localStart.plus(settings.plannedJobCheckInterval()),
                    localStart.plus(Duration.between(serverNow, job.utcScheduleTime())));
            state.scheduleNextScan(nextCheck);
            return new ScanOutcome(1, 0, emitter.emitted(), true);
        }

        TaskListing listing = lister.list(state.jobId());
        Instant observedAt = clock.instant();
        List<Observation> changes = changes(state, listing);
        changes.sort(Comparator.comparing((Observation o) -> o.task().utcModified(),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(o -> o.task().taskId()));

        Emitter emitter = new Emitter(state, sink);
        for (Observation change : changes) {
            OtaTask task = change.task();
            state.deliver(task.taskId(), task.utcModified(), StateFingerprint.of(task));
            if (listing.complete()) {
                // Everything still to be emitted in this scan is modified at or after this task.
                state.advanceWatermark(earliest(task.utcModified(), scanStart));
            }
            emitter.task(task, change.requestId(), observedAt);
        }
        if (listing.complete()) {
            state.advanceWatermark(scanStart);
        } else {
            log.warn("Job {}: {} of {} tasks could not be read in this scan (the API pages at most {} rows per "
                            + "listing, and rows move while pages are read). Their changes will be emitted once "
                            + "readable; the job snapshot says fully_observable=false.",
                    state.jobId(), listing.unreadable(), listing.total(), TaskLister.PAGING_WINDOW);
        }

        boolean finished = listing.complete() && isFinished(job, listing, serverNow);
        emitter.snapshot(new JobSnapshot(job, (long) listing.total(), listing.unreadable(), finished,
                jobResult.requestId(), observedAt));
        emitter.flush();

        state.scheduleNextScan(localStart.plus(settings.pollInterval()));
        return new ScanOutcome(1 + listing.calls(), changes.size(), emitter.emitted(), listing.complete());
    }

    /** The observed states that are new to the stream. */
    private List<Observation> changes(JobState state, TaskListing listing) {
        boolean baseline = !state.baselineTaken() && settings.startMode() == StartMode.CHANGES;
        JobOffset restored = state.restored();
        Instant restoredHorizon = restored.watermark() == null ? null
                : restored.watermark().minus(settings.lookback());
        List<Observation> changes = new ArrayList<>();
        for (Observation observation : listing.tasks()) {
            OtaTask task = observation.task();
            long fingerprint = StateFingerprint.of(task);
            Long delivered = state.delivered(task.taskId());
            if (delivered != null) {
                if (delivered != fingerprint) {
                    changes.add(observation);
                }
            } else if (baseline) {
                state.deliver(task.taskId(), task.utcModified(), fingerprint);
            } else if (restoredHorizon != null && task.utcModified() != null
                    && !task.utcModified().isAfter(restoredHorizon)) {
                // Delivered before this task started: the committed watermark vouches for it.
                state.restoreDelivered(task.taskId(), task.utcModified(), fingerprint, false);
            } else if (restored.remembers(StateFingerprint.ofTaskState(task.taskId(), fingerprint))) {
                state.restoreDelivered(task.taskId(), task.utcModified(), fingerprint, true);
            } else {
                changes.add(observation);
            }
        }
        if (baseline) {
            state.markBaselineTaken();
        }
        return changes;
    }

    /**
     * A job is finished when the vendor says so and no task can change any more. A FAILED task can still
     * be re-queued while the job's retry policy allows, so it counts as final only once a retry interval
     * (plus the look-back window) has passed since it failed.
     */
    private boolean isFinished(OtaJob job, TaskListing listing, Instant serverNow) {
        if (!job.isTerminal() || settings.finishedJobPolicy() == FinishedJobPolicy.WATCH) {
            return false;
        }
        Duration retryWindow = job.hasRetryPolicy() && job.retryIntervalMinutes() != null
                ? Duration.ofMinutes(job.retryIntervalMinutes()).plus(settings.lookback())
                : null;
        for (Observation observation : listing.tasks()) {
            OtaTask task = observation.task();
            if (task.isTerminal()) {
                continue;
            }
            if (!"FAILED".equals(task.taskStatus())) {
                return false;
            }
            if (retryWindow != null && (task.utcModified() == null
                    || task.utcModified().plus(retryWindow).isAfter(serverNow))) {
                return false;
            }
        }
        return true;
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

    /** What one scan did. */
    record ScanOutcome(int calls, int changes, int recordsEmitted, boolean complete) {
    }
}
