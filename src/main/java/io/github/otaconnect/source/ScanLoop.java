package io.github.otaconnect.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.BackoffPolicy;
import io.github.otaconnect.api.OtaApiException;
import io.github.otaconnect.push.PushInbox;

/**
 * The task's background thread: scans each job when it is due, one at a time, and puts the records into a
 * bounded queue that {@code poll()} drains (so poll() never blocks on the API, and a slow consumer of the
 * queue slows the scans instead of growing memory). Errors are sorted by {@link ApiErrorPolicy}: transient
 * ones and a refused request back the job off exponentially, a job that does not exist is parked, and a
 * configuration or account problem stops the loop and is rethrown by poll() to fail the task. With push on,
 * {@link PushedReads} runs between scans, and a pushed message wakes the loop.
 */
final class ScanLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ScanLoop.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration JOB_PROBLEM_RECHECK = Duration.ofMinutes(10);
    /** With nothing due, the loop still wakes now and then; a pushed message or stop() wakes it earlier. */
    private static final Duration IDLE_WAIT = Duration.ofMinutes(1);

    private final List<JobState> jobs;
    private final JobScanner scanner;
    private final BlockingQueue<List<SourceRecord>> queue;
    private final Clock clock;
    /**
     * A failing job waits a poll interval, doubled per failure in a row up to {@link #MAX_BACKOFF}. No jitter:
     * one job backs off among the task's others, not among a crowd of clients failing together.
     */
    private final BackoffPolicy backoff;
    private final ScanListener listener;
    /** Wakes the loop when a pushed message arrives or when it must stop. */
    private final PushInbox wakeUp;
    /** Null with push off. */
    private final PushedReads pushed;
    private volatile boolean stopped;
    private volatile ConnectException fatal;

    ScanLoop(List<JobState> jobs, JobScanner scanner, BlockingQueue<List<SourceRecord>> queue, Clock clock,
             Duration pollInterval, ScanListener listener) {
        this(jobs, scanner, queue, clock, pollInterval, listener, new PushInbox(), null);
    }

    ScanLoop(List<JobState> jobs, JobScanner scanner, BlockingQueue<List<SourceRecord>> queue, Clock clock,
             Duration pollInterval, ScanListener listener, PushInbox wakeUp, PushedReads pushed) {
        this.jobs = jobs;
        this.scanner = scanner;
        this.queue = queue;
        this.clock = clock;
        this.backoff = new BackoffPolicy(pollInterval, MAX_BACKOFF);
        this.listener = listener;
        this.wakeUp = wakeUp;
        this.pushed = pushed;
    }

    /** The error that stopped the loop for good, or null. */
    ConnectException fatalError() {
        return fatal;
    }

    void stop() {
        stopped = true;
        wakeUp.wake();
    }

    @Override
    public void run() {
        boolean saidIdle = false;
        try {
            while (!stopped) {
                Instant pushedReadDue = pushed == null ? null : pushed.run(queue::put);
                JobState next = jobs.stream().filter(j -> !j.finished())
                        .min(Comparator.comparing(JobState::nextScanAt)).orElse(null);
                if (next == null && !saidIdle) {
                    log.info("Every job of this task is finished; the task stays idle");
                    saidIdle = true;
                }
                Instant due = next == null ? pushedReadDue : next.nextScanAt();
                if (pushedReadDue != null && pushedReadDue.isBefore(due)) {
                    due = pushedReadDue;
                }
                Duration wait = due == null ? IDLE_WAIT : Duration.between(clock.instant(), due);
                if (!wait.isNegative() && !wait.isZero()) {
                    wakeUp.await(wait);
                    continue;
                }
                if (next != null && !next.nextScanAt().isAfter(clock.instant())) {
                    scanOnce(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fatal = new ConnectException("The OTA scan loop failed unexpectedly: " + e, e);
            log.error("The OTA scan loop failed unexpectedly", e);
        }
    }

    private void scanOnce(JobState job) throws InterruptedException {
        Instant started = clock.instant();
        PushedReads.ScanAnswer answer = pushed == null ? null : pushed.answerWithScan(job, queue::put);
        try {
            ScanOutcome outcome = pushed == null ? scanner.scan(job, queue::put)
                    : scanner.scan(job, answer.sink(), pushed.pollInterval());
            if (answer != null) {
                answer.succeeded(outcome.complete());
            }
            int failuresBefore = job.recordSuccess();
            if (failuresBefore > 0) {
                // the counterpart of the WARN lines, so that an operator reading the log sees the episode end
                log.info("Job {}: the scan succeeded again after {} failed attempts and went on from the committed "
                        + "position", job.jobId(), failuresBefore);
            }
            listener.scanned(job, outcome, started, Duration.between(started, clock.instant()));
            if (job.finished()) {
                log.info("Job {} is finished: final snapshot emitted, no more API calls for it", job.jobId());
            }
        } catch (OtaApiException e) {
            if (answer != null) {
                answer.failed();
            }
            handle(job, e, started);
        }
    }

    private void handle(JobState job, OtaApiException e, Instant started) {
        switch (ApiErrorPolicy.classify(e)) {
            case RETRY_LATER -> {
                int failures = job.recordFailure();
                Duration wait = scheduleAfterBackoff(job, started, failures);
                log.warn("Job {}: scan failed ({}); the committed position is kept and the scan is retried in {} s "
                        + "(failure {} in a row)", job.jobId(), e.getMessage(), wait.toSeconds(), failures);
            }
            case REQUEST_REFUSED -> {
                // Not a 10-minute park: the job exists, and the next scan may well not send this request again.
                int failures = job.recordFailure();
                Duration wait = scheduleAfterBackoff(job, started, failures);
                // The exception's message names the action, HTTP status, Code and RequestId.
                log.warn("Job {}: the vendor refused one request of this scan: {}. The other jobs continue; the "
                        + "committed position is kept and this job is scanned again in {} s (failure {} in a row)",
                        job.jobId(), e.getMessage(), wait.toSeconds(), failures);
            }
            case JOB_PROBLEM -> {
                job.recordFailure();
                job.scheduleNextScan(started.plus(JOB_PROBLEM_RECHECK));
                log.error("Job {} cannot be read: {}. Other jobs continue; this one is checked again in {} minutes. "
                        + "Remove it from {} if it was deleted.", job.jobId(), e.getMessage(),
                        JOB_PROBLEM_RECHECK.toMinutes(), OtaSourceConnectorConfig.JOB_IDS);
            }
            case FAIL_TASK -> {
                fatal = new ConnectException(e.getMessage(), e);
                log.error("Stopping the task: {}", e.getMessage());
                stop();
            }
        }
        listener.failed(job, e);
    }

    private Duration scheduleAfterBackoff(JobState job, Instant started, int failures) {
        Duration wait = backoff.delay(failures, false);
        job.scheduleNextScan(started.plus(wait));
        return wait;
    }

    /** Observes scans, for logs and metrics. Called on the scan thread. */
    interface ScanListener {
        /** A scan that started at {@code started} (the loop's clock) succeeded after {@code duration}. */
        default void scanned(JobState job, ScanOutcome outcome, Instant started, Duration duration) {
        }

        default void failed(JobState job, OtaApiException error) {
        }

        /** Both listeners, this one first. */
        default ScanListener andThen(ScanListener next) {
            ScanListener first = this;
            return new ScanListener() {
                @Override
                public void scanned(JobState job, ScanOutcome outcome, Instant started, Duration duration) {
                    first.scanned(job, outcome, started, duration);
                    next.scanned(job, outcome, started, duration);
                }

                @Override
                public void failed(JobState job, OtaApiException error) {
                    first.failed(job, error);
                    next.failed(job, error);
                }
            };
        }
    }
}
