package io.github.otaconnect.benchmark;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.otaconnect.api.ClientSettings;
import io.github.otaconnect.api.Credentials;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaApiClient;
import io.github.otaconnect.api.OtaApiException;
import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;
import io.github.otaconnect.api.VendorLimits;

/**
 * The simple alternative the connector is measured against: every cycle, {@code QueryOTAJob} and then every
 * page of the job's unfiltered listing, handing over after each page the tasks whose row differs from the
 * one it handed over last. No index, no status listings, no offsets: what a straightforward poller does.
 * It uses the connector's own API client (same rate limiter, same call window, same retries), so the two
 * differ only in what they read. One thread drives it.
 */
final class FullReReader implements AutoCloseable {

    private final OtaApi api;
    private final ApiCallTally tally;
    private final String jobId;
    private final int pageSize;
    private final Duration pollInterval;
    private final long originMs;
    /** Task ID -> a 64-bit digest of the row last handed over. */
    private final Map<String, Long> delivered = new HashMap<>();
    private Instant nextCycleAt = Instant.EPOCH;
    private int cycles;

    FullReReader(URI endpoint, String accessKeyId, String accessKeySecret, double qpsPerAction, int pageSize,
                 Duration pollInterval, String jobId, ApiCallTally tally, long originMs) {
        this.api = new OtaApiClient(ClientSettings.builder().endpoint(endpoint)
                .credentials(Credentials.of(accessKeyId, accessKeySecret)).queriesPerSecond(qpsPerAction).build(),
                tally);
        this.tally = tally;
        this.jobId = jobId;
        this.pageSize = pageSize;
        this.pollInterval = pollInterval;
        this.originMs = originMs;
    }

    /** One cycle's calls: the job query and every page of the unfiltered listing (as far as the API pages). */
    static long callsPerCycle(int tasks, int pageSize) {
        long readable = Math.min(tasks, VendorLimits.LISTING_WINDOW);
        return 1 + Math.max(1, (readable + pageSize - 1) / pageSize);
    }

    /**
     * Waits until the next cycle is due and runs it; null if it would start after {@code deadline} (a cycle
     * that overran its interval makes the next one due at once, that is when the overrun ends).
     */
    Cycle cycleNextDue(Instant deadline, RecordObserver sink) throws InterruptedException {
        Instant now = Instant.now();
        Instant start = nextCycleAt.isAfter(now) ? nextCycleAt : now;
        if (start.isAfter(deadline)) {
            sleepUntil(deadline);
            return null;
        }
        sleepUntil(nextCycleAt);
        return cycleNow(sink);
    }

    /** Reads the whole job once, now. */
    Cycle cycleNow(RecordObserver sink) throws InterruptedException {
        CallCount before = tally.snapshot();
        long started = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        nextCycleAt = Instant.ofEpochMilli(started).plus(pollInterval);
        int calls = 0;
        int handedOver = 0;
        boolean complete = false;
        String error = null;
        try {
            api.queryJob(jobId);
            calls++;
            int lastPage = 1;
            for (int page = 1; page <= lastPage; page++) {
                TaskPage result = api.listTasks(new TaskQuery(jobId, page, pageSize, null, List.of()));
                calls++;
                // the page count comes with every page; rows past the paging window cannot be listed at all
                lastPage = (int) Math.min(result.pageCount(), VendorLimits.LISTING_WINDOW / pageSize);
                List<OtaTask> changed = new ArrayList<>();
                for (OtaTask task : result.tasks()) {
                    long digest = digest(task);
                    Long previous = delivered.put(task.taskId(), digest);
                    if (previous == null || previous != digest) {
                        changed.add(task);
                    }
                }
                if (!changed.isEmpty()) {
                    sink.acceptTasks(changed);
                    handedOver += changed.size();
                }
            }
            complete = true;
        } catch (OtaApiException e) {
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("stopped during an API call");
            }
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        long wallMs = (System.nanoTime() - startNanos) / 1_000_000;
        CallCount attempts = tally.snapshot().minus(before);
        cycles++;
        return new Cycle(cycles, jobId, started - originMs, wallMs, attempts.byAction(), calls,
                attempts.total(CallCount.LIST_TASKS), attempts.total(CallCount.QUERY_JOB),
                attempts.outcome(CallCount.THROTTLED), handedOver, 0, handedOver, complete, true, null, error);
    }

    /** Every field of the row, with the change time in the low half so two states of a task never collide. */
    private static long digest(OtaTask task) {
        long modified = task.utcModified() == null ? 0 : task.utcModified().getEpochSecond();
        return ((long) task.hashCode() << 32) ^ (modified & 0xFFFF_FFFFL);
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long ms = Duration.between(Instant.now(), instant).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
