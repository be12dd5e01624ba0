package io.github.otaconnect.source;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.carrotsearch.hppc.LongHashSet;

import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;

/**
 * Reads {@code ListOTATaskByJob} for one scan: whole listings (all tasks, or one status) page by page,
 * and tasks of known devices by name, handing every row to the scan as it arrives.
 *
 * <p>Rows move between pages while pages are read (a status change reorders them), so a page number is
 * not a cursor: a row can be read twice (the scan keeps the newest) or skipped. A listing is therefore
 * read again, up to {@link #MAX_PASSES} passes, while it yielded fewer distinct tasks than its
 * {@code Total}. The API refuses {@code CurrentPage × PageSize} beyond {@value #PAGING_WINDOW} rows;
 * what lies beyond is counted, never hidden.
 */
final class ListingReader {

    static final int PAGING_WINDOW = 100_000;
    static final int MAX_PASSES = 3;
    /** The vendor's limit for {@code DeviceNames.N}. */
    static final int DEVICES_PER_CALL = 50;

    private static final Logger log = LoggerFactory.getLogger(ListingReader.class);

    private final OtaApi api;
    private final String jobId;
    private final int pageSize;
    private final int maxPage;
    private final Consumer<Observation> sink;
    private int calls;
    private String lastRequestId;
    private Instant firstServerTime;

    ListingReader(OtaApi api, String jobId, int pageSize, Consumer<Observation> sink) {
        this.api = api;
        this.jobId = jobId;
        this.pageSize = pageSize;
        this.maxPage = PAGING_WINDOW / pageSize;
        this.sink = sink;
    }

    /** The result of reading one listing: its total, the distinct tasks read, the rows beyond the window. */
    record Listing(int total, int distinct, long beyondWindow) {
        /** Rows within reach that were not read (they moved out of reach while pages were read). */
        long missed() {
            return Math.max(0, total - beyondWindow - distinct);
        }
    }

    /** The most rows one listing can page through with this page size. */
    int window() {
        return maxPage * pageSize;
    }

    /** Reads every page of one listing ({@code status} null: all tasks), repeating passes while rows are missing. */
    Listing readAll(String status) throws InterruptedException {
        return readAll(status, Integer.MAX_VALUE, MAX_PASSES);
    }

    /**
     * Reads every page of one listing once. For a caller that finds the rows a pass missed in another way
     * (a change-driven scan re-reads known tasks by device name), which costs far less than another pass.
     */
    Listing readOnce(String status) throws InterruptedException {
        return readAll(status, Integer.MAX_VALUE, 1);
    }

    /**
     * Like {@link #readAll(String)}, but stops after the first page when the listing holds more than
     * {@code maxTotal} rows (the caller then splits it); {@link Listing#total()} tells.
     */
    Listing readAll(String status, int maxTotal) throws InterruptedException {
        return readAll(status, maxTotal, MAX_PASSES);
    }

    private Listing readAll(String status, int maxTotal, int passes) throws InterruptedException {
        LongHashSet seen = new LongHashSet();
        int total = 0;
        long beyondWindow = 0;
        for (int pass = 1; pass <= passes; pass++) {
            TaskPage page = read(new TaskQuery(jobId, 1, pageSize, status, List.of()), seen);
            total = page.total();
            if (total > maxTotal) {
                return new Listing(total, seen.size(), 0);
            }
            int lastPage = Math.min(pagesFor(total), maxPage);
            for (int current = 2; current <= lastPage; current++) {
                page = read(new TaskQuery(jobId, current, pageSize, status, List.of()), seen);
                // A growing (dynamic) job may add pages while they are read.
                total = Math.max(total, page.total());
                lastPage = Math.min(pagesFor(total), maxPage);
            }
            beyondWindow = Math.max(0, total - (long) maxPage * pageSize);
            if (seen.size() >= total - beyondWindow) {
                break;
            }
            log.debug("Job {} listing {}: {} of {} rows seen after pass {}; rows moved between pages", jobId,
                    status == null ? "(all)" : status, seen.size(), total - beyondWindow, pass);
        }
        return new Listing(total, seen.size(), beyondWindow);
    }

    /** The listing's {@code Total} alone, for one call. */
    int total(String status) throws InterruptedException {
        return read(new TaskQuery(jobId, 1, 1, status, List.of()), null).total();
    }

    /** Re-reads the tasks of these devices, {@value #DEVICES_PER_CALL} a call, whatever page they are on. */
    void readDevices(List<String> deviceNames) throws InterruptedException {
        for (int from = 0; from < deviceNames.size(); from += DEVICES_PER_CALL) {
            List<String> batch = deviceNames.subList(from, Math.min(deviceNames.size(), from + DEVICES_PER_CALL));
            read(new TaskQuery(jobId, 1, DEVICES_PER_CALL, null, List.copyOf(batch)), null);
        }
    }

    int calls() {
        return calls;
    }

    String lastRequestId() {
        return lastRequestId;
    }

    /** The server time of the scan's first listing response, or null. */
    Instant firstServerTime() {
        return firstServerTime;
    }

    private TaskPage read(TaskQuery query, LongHashSet seen) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("scan of job " + jobId + " interrupted");
        }
        TaskPage page = api.listTasks(query);
        calls++;
        lastRequestId = page.requestId();
        if (firstServerTime == null) {
            firstServerTime = page.serverTime();
        }
        for (OtaTask task : page.tasks()) {
            if (seen != null) {
                seen.add(StateFingerprint.hash(task.taskId()));
            }
            sink.accept(new Observation(task, StateFingerprint.of(task), page.requestId()));
        }
        return page;
    }

    private int pagesFor(int total) {
        return (int) pagesFor(total, pageSize);
    }

    /** Calls one listing of {@code rows} rows costs: an empty listing still costs its first page. */
    static long pagesFor(long rows, int pageSize) {
        return Math.max(1, (rows + pageSize - 1) / pageSize);
    }
}
