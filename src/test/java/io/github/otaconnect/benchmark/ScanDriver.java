package io.github.otaconnect.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

import io.github.otaconnect.api.OtaApiException;
import io.github.otaconnect.source.JobScannerBenchmark;

/**
 * Runs a scanner's jobs the way the task's scan loop does, one scan at a time, each when the scanner says it
 * is due, and measures every scan: wall time, the client's calls (from its listener), records handed over.
 * A scan that fails with an API error is recorded and the job is tried again at its next due time.
 */
final class ScanDriver {

    private final JobScannerBenchmark scanner;
    private final RecordObserver observer;
    private final ApiCallTally tally;
    private final long originMs;
    private int scans;

    ScanDriver(JobScannerBenchmark scanner, RecordObserver observer, ApiCallTally tally, long originMs) {
        this.scanner = scanner;
        this.observer = observer;
        this.tally = tally;
        this.originMs = originMs;
    }

    /**
     * Waits until the next of the scanner's jobs is due, then scans it. Returns null if that would be after
     * {@code deadline} or every job is finished.
     */
    Cycle scanNextDue(Instant deadline) throws InterruptedException {
        String next = scanner.jobIds().stream().filter(id -> !scanner.finished(id))
                .min(Comparator.comparing(scanner::nextScanAt)).orElse(null);
        if (next == null) {
            return null;
        }
        Instant due = scanner.nextScanAt(next);
        if (due.isAfter(deadline)) {
            sleepUntil(deadline);
            return null;
        }
        sleepUntil(due);
        return scanNow(next);
    }

    /** Scans one job now, due or not. */
    Cycle scanNow(String jobId) throws InterruptedException {
        CallCount before = tally.snapshot();
        long taskRecordsBefore = observer.taskRecords();
        long jobRecordsBefore = observer.jobRecords();
        long started = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        JobScannerBenchmark.Scan scan = null;
        String error = null;
        try {
            scan = scanner.scan(jobId, observer);
        } catch (OtaApiException e) {
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("stopped during an API call");
            }
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        long wallMs = (System.nanoTime() - startNanos) / 1_000_000;
        CallCount calls = tally.snapshot().minus(before);
        scans++;
        return new Cycle(scans, jobId, started - originMs, wallMs, calls.byAction(),
                scan == null ? 0 : scan.calls(), calls.total(CallCount.LIST_TASKS), calls.total(CallCount.QUERY_JOB),
                calls.outcome(CallCount.THROTTLED), observer.taskRecords() - taskRecordsBefore,
                observer.jobRecords() - jobRecordsBefore, scan == null ? 0 : scan.changes(),
                scan != null && scan.complete(), scan != null && scan.fullScan(), null, error);
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long ms = Duration.between(Instant.now(), instant).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
