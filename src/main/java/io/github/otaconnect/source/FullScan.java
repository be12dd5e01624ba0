package io.github.otaconnect.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every task of a job: the unfiltered listing when it fits the paging window, otherwise one listing
 * per status. The per-status totals must add up to the job's total; if they do not, a status the
 * connector does not know exists, and the readable part of the unfiltered listing names it. Whatever
 * stays out of reach (one status alone beyond the window, rows that moved away on every pass) is counted
 * as unreadable.
 */
final class FullScan {

    /** The statuses the vendor documents (CONFIRM from its SDK); others are discovered at run time. */
    static final List<String> KNOWN_STATUSES =
            List.of("QUEUED", "NOTIFIED", "CONFIRM", "IN_PROGRESS", "FAILED", "SUCCEEDED", "CANCELED");

    private static final Logger log = LoggerFactory.getLogger(FullScan.class);

    private FullScan() {
    }

    static ScanResult run(ListingReader reader, ScanView view, String jobId) throws InterruptedException {
        ListingReader.Listing all = reader.readAll(null, reader.window());
        if (all.total() <= reader.window()) {
            return new ScanResult(all.total(), all.missed(), false, 0);
        }
        Set<String> statuses = new LinkedHashSet<>(KNOWN_STATUSES);
        statuses.addAll(view.knownStatuses());
        Map<String, Long> totals = new LinkedHashMap<>();
        long unreadable = 0;
        for (String status : statuses) {
            unreadable += readStatus(reader, status, totals);
        }
        if (sum(totals) < all.total()) {
            reader.readAll(null);
            for (String status : view.knownStatuses()) {
                if (!totals.containsKey(status)) {
                    log.info("Job {}: task status '{}' is not one the connector knows; listing it too", jobId, status);
                    unreadable += readStatus(reader, status, totals);
                }
            }
        }
        unreadable += Math.max(0, all.total() - sum(totals));
        return new ScanResult(all.total(), unreadable, false, 0);
    }

    /**
     * Reads the whole job again once every task is known, for a job where that costs less than a change
     * scan ({@link #estimatedCalls}). One pass: rows that moved between pages while it ran are not chased
     * with more passes; the known tasks that can still change and were missed are re-read by name instead,
     * and a missed task that cannot be re-read, or a task new to the connector, asks for a full read.
     */
    static ScanResult reread(ListingReader reader, ScanView view, TaskIndex index, String jobId)
            throws InterruptedException {
        ListingReader.Listing all = reader.readOnce(null);
        if (all.beyondWindow() > 0) {
            return run(reader, view, jobId);
        }
        List<String> missed = new ArrayList<>();
        for (TaskIndex.Unsettled task : index.unsettled()) {
            if (!view.observed(task.key())) {
                if (task.deviceName() == null) {
                    return new ScanResult(all.total(), 0, true, 0);
                }
                missed.add(task.deviceName());
            }
        }
        reader.readDevices(missed);
        return new ScanResult(all.total(), 0, all.total() != view.knownTasks(), 0);
    }

    /** What {@link #reread} costs for a job of {@code tasks} tasks, apart from the rows it misses. */
    static long estimatedCalls(long tasks, int pageSize) {
        return ListingReader.pagesFor(tasks, pageSize);
    }

    private static long readStatus(ListingReader reader, String status, Map<String, Long> totals)
            throws InterruptedException {
        ListingReader.Listing listing = reader.readAll(status);
        totals.put(status, (long) listing.total());
        return listing.beyondWindow() + listing.missed();
    }

    static long sum(Map<String, Long> totals) {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }
}
