package io.github.otaconnect.source;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.ObjectCursor;

import io.github.otaconnect.api.FatalApiException;
import io.github.otaconnect.api.MalformedRow;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;
import io.github.otaconnect.api.VendorLimits;

/**
 * Reads {@code ListOTATaskByJob} for one scan: whole listings (all tasks, or one status) page by page,
 * and tasks of known devices by name, handing every row to the scan as it arrives.
 *
 * <p>Rows move between pages while pages are read (a status change reorders them), so a page number is
 * not a cursor: a row can be read twice (the scan keeps the newest) or skipped. A listing is therefore
 * read again, up to {@link #MAX_PASSES} passes, while it yielded fewer distinct tasks than its
 * {@code Total}. The API refuses {@code CurrentPage × PageSize} beyond {@value VendorLimits#LISTING_WINDOW} rows;
 * what lies beyond is counted, never hidden.
 *
 * <p>A status the vendor refuses as a filter ({@link StatusFilters}) is not listed: such a listing comes
 * back {@link Listing#notFilterable()}, and the caller reaches its tasks another way. A malformed row is
 * logged (job, row, RequestId) and counted; the rest of its page is read as usual.
 */
final class ListingReader {

    static final int MAX_PASSES = 3;
    /** What {@link #total(String)} says for a status the vendor refuses as a filter. */
    static final int NOT_FILTERABLE = -1;

    private static final Logger log = LoggerFactory.getLogger(ListingReader.class);

    private final OtaApi api;
    private final String jobId;
    private final int pageSize;
    private final int maxPage;
    private final RowSink sink;
    private final StatusFilters filters;
    /**
     * Tasks read in this scan whose status may not be filterable, with that status: the only way to count
     * how many of them some listing or re-read reached. Kept small by leaving out every status whose
     * listing is expected to work.
     */
    private final LongObjectHashMap<String> readOutsideFilters = new LongObjectHashMap<>();
    private final MalformedRowLog malformedRows;
    private int calls;

    ListingReader(OtaApi api, String jobId, int pageSize, RowSink sink, StatusFilters filters) {
        this.api = api;
        this.jobId = jobId;
        this.pageSize = pageSize;
        this.maxPage = VendorLimits.LISTING_WINDOW / pageSize;
        this.sink = sink;
        this.filters = filters;
        this.malformedRows = new MalformedRowLog(jobId);
    }

    /** Receives every row as it is read; may hand records over, which can wait for room. */
    interface RowSink {
        void accept(Observation observation) throws InterruptedException;
    }

    /**
     * The result of reading one listing: its total, the distinct tasks read, the rows beyond the window;
     * or, {@code notFilterable}, nothing, because the vendor refuses its status as a filter.
     */
    record Listing(int total, int distinct, long beyondWindow, boolean notFilterable) {
        static final Listing NOT_FILTERABLE = new Listing(0, 0, 0, true);

        Listing(int total, int distinct, long beyondWindow) {
            this(total, distinct, beyondWindow, false);
        }

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
        if (status != null && !filters.mayFilter(status)) {
            return Listing.NOT_FILTERABLE;
        }
        LongHashSet seen = new LongHashSet();
        int total = 0;
        long beyondWindow = 0;
        for (int pass = 1; pass <= passes; pass++) {
            TaskPage page = read(new TaskQuery(jobId, 1, pageSize, status, List.of()), seen);
            if (page == null) {
                return Listing.NOT_FILTERABLE;
            }
            total = page.total();
            if (total > maxTotal) {
                return new Listing(total, seen.size(), 0);
            }
            // A row without a TaskId was served, just not usable: another pass would not make it so.
            long skipped = skippedRows(page);
            int lastPage = Math.min(pagesFor(total), maxPage);
            for (int current = 2; current <= lastPage; current++) {
                page = read(new TaskQuery(jobId, current, pageSize, status, List.of()), seen);
                skipped += skippedRows(page);
                // A growing (dynamic) job may add pages while they are read.
                total = Math.max(total, page.total());
                lastPage = Math.min(pagesFor(total), maxPage);
            }
            beyondWindow = Math.max(0, total - (long) maxPage * pageSize);
            if (seen.size() + skipped >= total - beyondWindow) {
                break;
            }
            log.debug("Job {} listing {}: {} of {} rows seen after pass {}; rows moved between pages", jobId,
                    status == null ? "(all)" : status, seen.size(), total - beyondWindow, pass);
        }
        return new Listing(total, seen.size(), beyondWindow);
    }

    /**
     * The listing's {@code Total} alone, for one call; {@link #NOT_FILTERABLE} when the vendor refuses
     * {@code status} as a filter.
     */
    int total(String status) throws InterruptedException {
        if (status != null && !filters.mayFilter(status)) {
            return NOT_FILTERABLE;
        }
        TaskPage page = read(new TaskQuery(jobId, 1, 1, status, List.of()), null);
        return page == null ? NOT_FILTERABLE : page.total();
    }

    /**
     * Re-reads the tasks of these devices, {@value VendorLimits#DEVICE_NAMES_PER_CALL} a call, whatever page they
     * are on.
     * Returns false when the vendor refused some of these calls (their tasks were not read; the others were).
     */
    boolean readDevices(List<String> deviceNames) throws InterruptedException {
        boolean all = true;
        int perCall = VendorLimits.DEVICE_NAMES_PER_CALL;
        for (int from = 0; from < deviceNames.size(); from += perCall) {
            List<String> batch = deviceNames.subList(from, Math.min(deviceNames.size(), from + perCall));
            try {
                read(new TaskQuery(jobId, 1, perCall, null, List.copyOf(batch)), null);
            } catch (FatalApiException refusal) {
                if (refusal.reason() != FatalApiException.Reason.REQUEST) {
                    throw refusal;
                }
                // Only these names were refused (say, one the vendor cannot parse): the caller reads their
                // tasks another way, and the other batches go on.
                calls++;
                all = false;
                log.warn("Job {}: the vendor refused a re-read of {} tasks by device name; they are read another "
                        + "way. {}", jobId, batch.size(), refusal.getMessage());
            }
        }
        return all;
    }

    /** Whether a listing filtered by this status may be asked for: the vendor has not refused the filter. */
    boolean mayList(String status) {
        return filters.mayFilter(status);
    }

    int calls() {
        return calls;
    }

    /** Rows served malformed in this scan (see {@link MalformedRowLog}). */
    int malformedRows() {
        return malformedRows.rows();
    }

    /**
     * Distinct tasks read in this scan, by any listing or re-read, whose status (as last read) is one of
     * {@code statuses}; counts only statuses whose listing was not expected to work when the task was read.
     */
    long readIn(Set<String> statuses) {
        long count = 0;
        for (ObjectCursor<String> status : readOutsideFilters.values()) {
            if (statuses.contains(status.value)) {
                count++;
            }
        }
        return count;
    }

    /**
     * One call. Null when the vendor refused the query's status filter and that is taken as the status not
     * being filterable ({@link StatusFilters#refusedBy}); any other failure is thrown.
     */
    private TaskPage read(TaskQuery query, LongHashSet seen) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("scan of job " + jobId + " interrupted");
        }
        TaskPage page;
        try {
            page = api.listTasks(query);
        } catch (FatalApiException refusal) {
            if (query.taskStatus() != null && filters.refusedBy(query.taskStatus(), refusal, jobId)) {
                calls++;
                return null;
            }
            throw refusal;
        }
        calls++;
        if (query.taskStatus() != null) {
            filters.worked(query.taskStatus());
        }
        for (MalformedRow row : page.malformedRows()) {
            malformedRows.report(row, query.currentPage(), page.requestId());
        }
        for (OtaTask task : page.tasks()) {
            long key = StateFingerprint.hash(task.taskId());
            if (seen != null) {
                seen.add(key);
            }
            String status = task.taskStatus() == null ? "" : task.taskStatus();
            if (!filters.expectedToWork(status)) {
                readOutsideFilters.put(key, status);
            } else if (!readOutsideFilters.isEmpty()) {
                readOutsideFilters.remove(key);
            }
            sink.accept(new Observation(task, StateFingerprint.of(task), page.requestId()));
        }
        return page;
    }

    private static long skippedRows(TaskPage page) {
        return page.malformedRows().stream().filter(MalformedRow::skipped).count();
    }

    private int pagesFor(int total) {
        return (int) pagesFor(total, pageSize);
    }

    /** Calls one listing of {@code rows} rows costs: an empty listing still costs its first page. */
    static long pagesFor(long rows, int pageSize) {
        return Math.max(1, (rows + pageSize - 1) / pageSize);
    }
}
