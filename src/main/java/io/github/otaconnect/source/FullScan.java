package io.github.otaconnect.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.TaskStatus;

/**
 * Reads every task of a job: the unfiltered listing when it fits the paging window, otherwise one listing
 * per status. The per-status totals must add up to the job's total; if they do not, a status the
 * connector does not know exists, and the readable part of the unfiltered listing names it. A status the
 * vendor refuses as a filter ({@link StatusFilters}) is not listed: the known tasks no listing reached
 * are re-read by device name, and the unfiltered listing (read only while tasks are still unaccounted
 * for) reaches those within its window. Whatever stays out of reach (one status alone beyond the window,
 * tasks of an unlistable status that neither way reaches, rows that moved away on every pass, rows
 * without a TaskId) is counted as unreadable.
 */
final class FullScan {

    private static final Logger log = LoggerFactory.getLogger(FullScan.class);

    private FullScan() {
    }

    static TaskCoverage run(ListingReader reader, ScanView view, TaskIndex index, String jobId)
            throws InterruptedException {
        ListingReader.Listing all = reader.readAll(null, reader.window());
        if (all.total() <= reader.window()) {
            return new TaskCoverage(all.total(), all.missed(), false, 0);
        }
        // the known statuses first; others are discovered at run time
        Set<String> statuses = new LinkedHashSet<>();
        for (TaskStatus known : TaskStatus.values()) {
            statuses.add(known.name());
        }
        statuses.addAll(view.knownStatuses());
        Map<String, Long> totals = new LinkedHashMap<>();
        Set<String> unlisted = new LinkedHashSet<>();
        long unreadable = 0;
        for (String status : statuses) {
            unreadable += readStatus(reader, status, totals, unlisted);
        }
        if (!unlisted.isEmpty() && sum(totals) < all.total()) {
            rereadByName(reader, view, index);
            unreadable += listNewStatuses(reader, view, jobId, totals, unlisted);
        }
        if (sum(totals) + reader.readIn(unlisted) < all.total()) {
            reader.readAll(null);
            unreadable += listNewStatuses(reader, view, jobId, totals, unlisted);
        }
        unreadable += Math.max(0, all.total() - sum(totals) - reader.readIn(unlisted));
        return new TaskCoverage(all.total(), unreadable, false, 0);
    }

    /**
     * Reads the whole job again once every task is known, for a job where that costs less than a change
     * scan ({@link #estimatedCalls}). One pass, as a plain re-reader would: the known tasks that can still
     * change and were missed because rows moved between pages are neither chased with more passes nor
     * re-read by name, but left to the next scan, and the result says so (the watermark then stays where it
     * was); a task new to the connector asks for a full read.
     */
    static TaskCoverage reread(ListingReader reader, ScanView view, TaskIndex index, String jobId)
            throws InterruptedException {
        ListingReader.Listing all = reader.readOnce(null);
        if (all.beyondWindow() > 0) {
            return run(reader, view, index, jobId);
        }
        long missed = index.unsettled().stream().filter(task -> !view.observed(task.key())).count();
        return new TaskCoverage(all.total(), 0, all.total() != view.knownTasks(), 0, missed);
    }

    /** What {@link #reread} costs for a job of {@code tasks} tasks, apart from the rows it misses. */
    static long estimatedCalls(long tasks, int pageSize) {
        return ListingReader.pagesFor(tasks, pageSize);
    }

    /** Lists the statuses seen in this scan that were neither listed nor found unlistable yet. */
    private static long listNewStatuses(ListingReader reader, ScanView view, String jobId, Map<String, Long> totals,
                                        Set<String> unlisted) throws InterruptedException {
        long unreadable = 0;
        for (String status : view.knownStatuses()) {
            if (!totals.containsKey(status) && !unlisted.contains(status)) {
                log.info("Job {}: task status '{}' is not one the connector knows; listing it too", jobId, status);
                unreadable += readStatus(reader, status, totals, unlisted);
            }
        }
        return unreadable;
    }

    /** Lists one status; a status the vendor refuses as a filter goes to {@code unlisted} instead of {@code totals}. */
    private static long readStatus(ListingReader reader, String status, Map<String, Long> totals,
                                   Set<String> unlisted) throws InterruptedException {
        ListingReader.Listing listing = reader.readAll(status);
        if (listing.notFilterable()) {
            unlisted.add(status);
            return 0;
        }
        totals.put(status, (long) listing.total());
        return listing.beyondWindow() + listing.missed();
    }

    /**
     * The known tasks that can still change and were not read by any listing of this scan (in a status
     * that cannot be listed, or moved there), by device name. A refused re-read leaves its tasks unreached:
     * they count as unreadable.
     */
    private static void rereadByName(ListingReader reader, ScanView view, TaskIndex index)
            throws InterruptedException {
        List<String> devices = new ArrayList<>();
        for (TaskIndex.Unsettled task : index.unsettled()) {
            if (task.deviceName() != null && !view.observed(task.key())) {
                devices.add(task.deviceName());
            }
        }
        reader.readDevices(devices);
    }

    static long sum(Map<String, Long> totals) {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }
}
