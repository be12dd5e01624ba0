package io.github.otaconnect.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;

/**
 * Reads every task of a job through {@code ListOTATaskByJob}, as completely as the API allows.
 *
 * <p>Why it cannot silently miss a task:
 * <ul>
 *   <li>Rows move between pages while pages are read (a status change reorders them), so a page number is
 *       not a cursor: a row can be read twice (kept once, the newest observation wins) or skipped. The lister
 *       counts distinct task IDs against the listing's {@code Total} and reads the listing again, up to
 *       {@link #MAX_PASSES} passes, while any are missing.</li>
 *   <li>The API refuses {@code CurrentPage × PageSize} beyond {@value #PAGING_WINDOW} rows. A bigger job is
 *       read once per {@code TaskStatus}; the per-status totals must add up to the unfiltered total, otherwise
 *       a status the connector does not know exists, and the statuses seen in the readable part of the
 *       unfiltered listing are added to the split.</li>
 *   <li>What still cannot be read is counted, never hidden: {@link TaskListing#unreadable()} is reported in
 *       the job snapshot and a WARN log line, and an incomplete listing never advances the offset's
 *       watermark.</li>
 * </ul>
 */
final class TaskLister {

    static final int PAGING_WINDOW = 100_000;
    static final int MAX_PASSES = 3;
    /** The statuses the vendor documents (CONFIRM from its SDK); others are discovered at run time. */
    static final List<String> KNOWN_STATUSES =
            List.of("QUEUED", "NOTIFIED", "IN_PROGRESS", "CONFIRM", "FAILED", "SUCCEEDED", "CANCELED");

    private static final Logger log = LoggerFactory.getLogger(TaskLister.class);

    private final OtaApi api;
    private final int pageSize;
    private final int maxPage;

    TaskLister(OtaApi api, int pageSize) {
        this.api = api;
        this.pageSize = pageSize;
        this.maxPage = PAGING_WINDOW / pageSize;
    }

    TaskListing list(String jobId) throws InterruptedException {
        Collector collector = new Collector();
        TaskPage first = read(collector, jobId, null, 1);
        int total = first.total();
        if (total <= maxPage * pageSize) {
            readListing(collector, jobId, null, first);
            return collector.result(total, 0);
        }
        // Too big for one listing: split it by status.
        Set<String> statuses = new LinkedHashSet<>(KNOWN_STATUSES);
        statuses.addAll(collector.statusesSeen());
        long overflow = 0;
        long sumOfTotals = 0;
        Map<String, Integer> totals = new HashMap<>();
        for (String status : statuses) {
            ListingResult result = readListing(collector, jobId, status, null);
            totals.put(status, result.total());
            sumOfTotals += result.total();
            overflow += result.overflow();
        }
        if (sumOfTotals < total) {
            // A status we do not know holds the rest. The readable part of the unfiltered listing names it.
            readListing(collector, jobId, null, first);
            for (String status : collector.statusesSeen()) {
                if (!totals.containsKey(status)) {
                    log.info("Job {}: task status '{}' is not one the connector knows; listing it too",
                            jobId, status);
                    ListingResult result = readListing(collector, jobId, status, null);
                    totals.put(status, result.total());
                    sumOfTotals += result.total();
                    overflow += result.overflow();
                }
            }
        }
        long missingStatuses = Math.max(0, total - sumOfTotals);
        return collector.result(total, overflow + missingStatuses);
    }

    /**
     * Reads every page of one listing (all statuses, or one), repeating the pass while rows that moved
     * between pages are missing. Returns the listing's total and how many rows lie beyond the window.
     */
    private ListingResult readListing(Collector collector, String jobId, String status, TaskPage firstPage)
            throws InterruptedException {
        int total = 0;
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            TaskPage page = pass == 1 && firstPage != null ? firstPage : read(collector, jobId, status, 1);
            total = page.total();
            int lastPage = Math.min(pagesFor(total), maxPage);
            for (int current = 2; current <= lastPage; current++) {
                page = read(collector, jobId, status, current);
                // A growing (dynamic) job may add pages while we read.
                total = Math.max(total, page.total());
                lastPage = Math.min(pagesFor(total), maxPage);
            }
            int readable = Math.min(total, maxPage * pageSize);
            if (collector.distinct(status) >= readable) {
                break;
            }
            if (pass < MAX_PASSES) {
                log.debug("Job {} listing {}: {} of {} rows seen after pass {}; rows moved between pages, reading "
                        + "again", jobId, status == null ? "(all)" : status, collector.distinct(status), readable, pass);
            }
        }
        long overflow = Math.max(0, total - (long) maxPage * pageSize);
        return new ListingResult(total, overflow);
    }

    private TaskPage read(Collector collector, String jobId, String status, int page) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("scan of job " + jobId + " interrupted");
        }
        TaskPage result = api.listTasks(new TaskQuery(jobId, page, pageSize, status, List.of()));
        collector.add(result, status);
        return result;
    }

    private int pagesFor(int total) {
        return Math.max(1, (total + pageSize - 1) / pageSize);
    }

    private record ListingResult(int total, long overflow) {
    }

    /** Accumulates the tasks of one listing, one entry per task ID, the newest observation winning. */
    private static final class Collector {
        private final Map<String, Observation> tasks = new HashMap<>();
        private final Map<String, Set<String>> idsByListing = new HashMap<>();
        private final Set<String> statusesSeen = new LinkedHashSet<>();
        private int calls;
        private String lastRequestId;
        private Instant firstServerTime;

        void add(TaskPage page, String listing) {
            calls++;
            lastRequestId = page.requestId();
            if (firstServerTime == null) {
                firstServerTime = page.serverTime();
            }
            Set<String> ids = idsByListing.computeIfAbsent(listing == null ? "" : listing, k -> new HashSet<>());
            for (OtaTask task : page.tasks()) {
                ids.add(task.taskId());
                statusesSeen.add(task.taskStatus());
                Observation previous = tasks.get(task.taskId());
                if (previous == null || !isOlder(task, previous.task())) {
                    tasks.put(task.taskId(), new Observation(task, page.requestId()));
                }
            }
        }

        int distinct(String listing) {
            Set<String> ids = idsByListing.get(listing == null ? "" : listing);
            return ids == null ? 0 : ids.size();
        }

        Set<String> statusesSeen() {
            return new LinkedHashSet<>(statusesSeen);
        }

        TaskListing result(int total, long unreadable) {
            List<Observation> observations = new ArrayList<>(tasks.values());
            long missing = Math.max(0, (long) total - observations.size());
            return new TaskListing(observations, total, Math.max(unreadable, missing), calls, lastRequestId,
                    firstServerTime);
        }

        private static boolean isOlder(OtaTask candidate, OtaTask current) {
            if (candidate.utcModified() == null || current.utcModified() == null) {
                return false;
            }
            return candidate.utcModified().isBefore(current.utcModified());
        }
    }

    /** One task as read, and the response it came from. */
    record Observation(OtaTask task, String requestId) {
    }

    /**
     * The result of listing a job: the tasks read, the total the API reported, and how many tasks could
     * not be read (beyond the paging window, in a status that did not add up, or moved out of reach).
     */
    record TaskListing(Collection<Observation> tasks, int total, long unreadable, int calls, String requestId,
                       Instant serverTime) {
        boolean complete() {
            return unreadable == 0;
        }
    }
}
