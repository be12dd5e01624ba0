package io.github.otaconnect.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.JobResult;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaJob;
import io.github.otaconnect.api.TaskStatus;
import io.github.otaconnect.api.VendorLimits;
import io.github.otaconnect.source.OtaSourceConnectorConfig.FinishedJobPolicy;

/**
 * One scan of one job: read the job and its tasks (all of them, {@link FullScan}, or only those that can
 * have changed, {@link ChangeScan}), decide which observed states are new ({@link ScanInProgress}), and
 * hand them over as records ({@link ChunkedRecordEmitter}), each carrying an offset that is true at its
 * position in the stream.
 *
 * <p>Why nothing is lost or repeated across a restart (see {@link JobOffset} for the offset's claims):
 * <ul>
 *   <li>A scan reads before it emits, then emits the changes in {@code UtcModified} order (a first read
 *       with more changes than {@link ScanSettings#maxBufferedChanges()} emits early, and then keeps the
 *       watermark where it was until its end). So at any record, every change not yet emitted has an
 *       {@code UtcModified} at or after that record's: the watermark may move to it (the JDBC connector's
 *       timestamp-mode bug, ties inside one second, is avoided by the {@code recent} fingerprints, which
 *       name each emitted state of that second).</li>
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
        return scan(state, sink, settings.pollInterval());
    }

    /**
     * As {@link #scan(JobState, RecordSink)}, scheduling the next scan {@code pollInterval} after this one's
     * start (longer while push is connected).
     */
    ScanOutcome scan(JobState state, RecordSink sink, Duration pollInterval) throws InterruptedException {
        Instant localStart = clock.instant();
        JobResult jobResult = api.queryJob(state.jobId());
        OtaJob job = jobResult.job();
        Instant serverNow = jobResult.serverTime() != null ? jobResult.serverTime() : localStart;
        Instant scanStart = serverNow.minus(SERVER_TIME_RESOLUTION);
        ChunkedRecordEmitter emitter = new ChunkedRecordEmitter(state, records, settings, sink);

        if (job.isPlanned() && job.utcScheduleTime() != null && serverNow.isBefore(job.utcScheduleTime())) {
            emitter.snapshot(new JobSnapshot(job, null, Map.of(), 0, false, jobResult.requestId(), localStart));
            emitter.flush();
            Instant recheck = localStart.plus(settings.plannedJobCheckInterval());
            Instant scheduled = localStart.plus(Duration.between(serverNow, job.utcScheduleTime()));
            state.scheduleNextScan(recheck.isBefore(scheduled) ? recheck : scheduled);
            return new ScanOutcome(1, 0, emitter.emitted(), true, false);
        }

        ScanInProgress scan = new ScanInProgress(state, emitter, scanStart, settings, clock);
        ListingReader reader = new ListingReader(api, state.jobId(), settings.pageSize(), scan, statusFilters);
        boolean firstRead = !state.indexComplete();
        boolean wholeJob = firstRead;
        long trackedBefore = state.trackedTasks();
        TaskCoverage coverage;
        if (firstRead) {
            coverage = FullScan.run(reader, scan, state.index(), state.jobId());
        } else {
            Predicate<TaskIndex.Unsettled> mayBeRetried = retryPolicy(job, serverNow);
            wholeJob = rereadIsCheaper(state, mayBeRetried);
            coverage = wholeJob ? FullScan.reread(reader, scan, state.index(), state.jobId())
                    : ChangeScan.run(reader, scan, state.index(), mayBeRetried, state.growing());
            if (!wholeJob && !coverage.needsFullScan()) {
                state.movedLastScan(coverage.moved());
            }
            if (coverage.needsFullScan()) {
                log.info("Job {}: the job has {} tasks, {} known to the connector; reading the whole job",
                        state.jobId(), coverage.total(), scan.knownTasks());
                wholeJob = true;
                coverage = FullScan.run(reader, scan, state.index(), state.jobId());
            }
        }
        if (!firstRead) {
            state.growing(state.trackedTasks() > trackedBefore);
        }
        scan.finish(coverage.complete(), clock.instant());
        state.indexComplete(coverage.indexComplete());
        if (!coverage.indexComplete()) {
            log.warn("Job {}: {} of {} tasks could not be read in this scan (the API pages at most {} rows per "
                            + "listing, and rows move while pages are read). Their changes will be emitted once "
                            + "readable; the job snapshot says fully_observable=false.",
                    state.jobId(), coverage.unreadable(), coverage.total(), VendorLimits.LISTING_WINDOW);
        }

        boolean finished = coverage.complete() && isFinished(job, state.index(), serverNow);
        emitter.snapshot(new JobSnapshot(job, coverage.total(), state.index().countsByStatus(), coverage.unreadable(),
                finished, jobResult.requestId(), clock.instant()));
        emitter.flush();

        state.scheduleNextScan(localStart.plus(pollInterval));
        return new ScanOutcome(1 + reader.calls(), scan.changes(), emitter.emitted(), coverage.complete(), wholeJob,
                reader.malformedRows());
    }

    /**
     * Per job and cycle, the cheaper way to follow a job whose tasks are all known: reading it whole, or
     * only what can have changed. A small busy job is cheaper to read whole; a large mostly settled one is not.
     */
    private boolean rereadIsCheaper(JobState state, Predicate<TaskIndex.Unsettled> mayBeRetried) {
        if (state.trackedTasks() > VendorLimits.LISTING_WINDOW) {
            return false;
        }
        long reread = FullScan.estimatedCalls(state.trackedTasks(), settings.pageSize());
        long change = ChangeScan.estimatedCalls(state.index(), settings.pageSize(), mayBeRetried,
                state.movedLastScan(), statusFilters::mayFilter);
        return reread <= change;
    }

    /**
     * Re-reads the tasks of these devices (pushed messages said they changed) and emits what is new. The
     * watermark stays where it is: reading some tasks proves nothing about the others. The delivered states
     * join the index and the offset's recent states, so the next scan does not emit them again.
     *
     * @return what the read did; {@code complete} is false when the vendor refused some of the names, whose
     *         tasks only a scan can read
     */
    ScanOutcome rereadDevices(JobState state, List<String> deviceNames, RecordSink sink) throws InterruptedException {
        ChunkedRecordEmitter emitter = new ChunkedRecordEmitter(state, records, settings, sink);
        ScanInProgress read = new ScanInProgress(state, emitter, clock.instant(), settings, clock);
        ListingReader reader = new ListingReader(api, state.jobId(), settings.pageSize(), read, statusFilters);
        boolean all = reader.readDevices(deviceNames);
        read.finish(false, clock.instant());
        emitter.flush();
        return new ScanOutcome(reader.calls(), read.changes(), emitter.emitted(), all, false, reader.malformedRows());
    }

    /**
     * What the next scan of a job whose tasks are all known will cost, QueryOTAJob included. FAILED tasks
     * are assumed retryable: an estimate to weigh pushed reads against, not the plan itself.
     */
    long estimatedScanCalls(JobState state) {
        long change = ChangeScan.estimatedCalls(state.index(), settings.pageSize(), task -> true,
                state.movedLastScan(), statusFilters::mayFilter);
        if (state.trackedTasks() > VendorLimits.LISTING_WINDOW) {
            return 1 + change;
        }
        return 1 + Math.min(change, FullScan.estimatedCalls(state.trackedTasks(), settings.pageSize()));
    }

    /**
     * A job is finished when the vendor says so and no task can change any more. A FAILED task can still
     * be re-queued while the job's retry policy allows, so it counts as final only once a retry interval
     * (plus the look-back window) has passed since it failed.
     */
    private boolean isFinished(OtaJob job, TaskIndex index, Instant serverNow) {
        if (!job.isFinal() || settings.finishedJobPolicy() == FinishedJobPolicy.WATCH) {
            return false;
        }
        Predicate<TaskIndex.Unsettled> mayBeRetried = retryPolicy(job, serverNow);
        for (TaskIndex.Unsettled task : index.unsettled()) {
            if (!TaskStatus.FAILED.is(task.status()) || mayBeRetried.test(task)) {
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

    /** Receives the records of a scan in order, one chunk (one future poll() batch) at a time. */
    interface RecordSink {
        void accept(List<SourceRecord> chunk) throws InterruptedException;
    }
}
