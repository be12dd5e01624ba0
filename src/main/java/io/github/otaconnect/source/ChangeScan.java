package io.github.otaconnect.source;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.github.otaconnect.api.TaskStatus;
import io.github.otaconnect.api.VendorLimits;

/**
 * Reads only what can have changed since the last complete scan, so that calls grow with the tasks that
 * can still change, not with the job's size.
 *
 * <p>Why it cannot miss a change, given the index is complete (every task of the job was delivered
 * once):
 * <ol>
 *   <li>SUCCEEDED and CANCELED tasks never change again.</li>
 *   <li>Every status that known tasks could still change from, except FAILED, is listed in full (QUEUED,
 *       NOTIFIED, CONFIRM, IN_PROGRESS, and any status the connector does not know), so each of those
 *       tasks is read. A status no known task is in is not listed: only a task new to the connector could
 *       be there, and the job's total reveals it (last point). A status the vendor refuses as a filter
 *       ({@link StatusFilters}) cannot be listed: its known tasks are re-read by name as in the next point.</li>
 *   <li>A task that was in one of those statuses and is in none of their listings now moved (to another
 *       status, or just between pages while they were read): it is re-read by its device name, 50 a call,
 *       wherever it now is. One without a device name, or whose re-read the vendor refuses, makes the scan
 *       ask for a full listing.</li>
 *   <li>A FAILED task changes only when the job's retry policy re-queues it, one retry interval after it
 *       failed. Every FAILED task still inside that window (plus the look-back) is re-read by name, so even
 *       a retry that runs to its end between two scans is seen. Should the vendor retry later than that,
 *       the FAILED total falls below the FAILED tasks known: the FAILED listing is then read in full and
 *       the known FAILED tasks missing from it are re-read by name.</li>
 *   <li>The job's total must equal the tasks the connector knows. A task it has never seen (a dynamic job
 *       adding devices) makes the scan say so, and a full listing follows; nothing is assumed. Tasks moving
 *       between statuses do not change the total, so a busy job does not fall back to full listings. The
 *       total is asked first, so that a mismatch costs one call before the full listing, not a whole change
 *       scan; only for a job that keeps growing is it asked last, so that devices added to a listed status
 *       are found by the listing instead of costing a full listing every cycle.</li>
 * </ol>
 * Cost per scan: one call per 100 tasks that can still change, one per 50 that stopped being changeable
 * or may be retried, plus one call for the job's total and, with a retry policy, one for the FAILED total.
 * {@link #estimatedCalls} says this before the scan, so that the scanner can read the whole job instead
 * when that is cheaper.
 */
final class ChangeScan {

    private ChangeScan() {
    }

    /**
     * @param mayBeRetried whether a FAILED task (as last delivered) may still be re-queued by the job's
     *                     retry policy
     * @param growing      the job gained tasks lately: ask its total last, see the class comment
     */
    static TaskCoverage run(ListingReader reader, ScanView view, TaskIndex index,
                          Predicate<TaskIndex.Unsettled> mayBeRetried, boolean growing) throws InterruptedException {
        if (!growing) {
            long total = reader.total(null);
            if (total != view.knownTasks()) {
                return new TaskCoverage(total, 0, true, 0);
            }
        }
        Set<String> listed = listedStatuses(index, reader::mayList);
        for (String status : listed) {
            // One pass: a known task that moved out of reach while pages were read is re-read by name below,
            // and an unknown one shows in the total.
            ListingReader.Listing listing = reader.readOnce(status);
            if (listing.beyondWindow() > 0) {
                // Too many tasks in flight for one listing: only a full (split) scan can say what it can read.
                return new TaskCoverage(0, listing.beyondWindow(), true, 0);
            }
        }
        List<String> devices = new ArrayList<>();
        int moved = 0;
        boolean failedUnread = false;
        for (TaskIndex.Unsettled task : index.unsettled()) {
            boolean leftItsListing = listed.contains(task.status()) && !view.observed(task.key());
            boolean failed = TaskStatus.FAILED.is(task.status());
            boolean retryPending = failed && mayBeRetried.test(task);
            if (leftItsListing || retryPending || isUnlisted(task.status(), listed)) {
                if (task.deviceName() == null) {
                    return new TaskCoverage(0, 0, true, 0);
                }
                devices.add(task.deviceName());
                moved += leftItsListing ? 1 : 0;
            } else if (failed) {
                failedUnread = true;
            }
        }
        if (!reader.readDevices(devices)) {
            return new TaskCoverage(0, 0, true, 0);
        }
        String failedStatus = TaskStatus.FAILED.name();
        int failedTotal = failedUnread ? reader.total(failedStatus) : 0;
        if (failedUnread
                && (failedTotal == ListingReader.NOT_FILTERABLE || failedTotal < view.currentCount(failedStatus))) {
            // FAILED tasks left FAILED unseen (a retry outside the expected window that already settled):
            // the FAILED listing shows which (without it, every known one is), and they are re-read by name.
            reader.readOnce(failedStatus);
            List<String> missing = new ArrayList<>();
            for (TaskIndex.Unsettled task : index.unsettled()) {
                if (TaskStatus.FAILED.is(task.status()) && !view.observed(task.key())) {
                    if (task.deviceName() == null) {
                        return new TaskCoverage(0, 0, true, 0);
                    }
                    missing.add(task.deviceName());
                }
            }
            if (!reader.readDevices(missing)) {
                return new TaskCoverage(0, 0, true, 0);
            }
        }
        long known = view.knownTasks();
        long total = growing ? reader.total(null) : known;
        return new TaskCoverage(total, 0, total != known, moved);
    }

    /**
     * What {@link #run} will cost, from what the index knows: the listings of the statuses it lists, the
     * re-reads by name of the tasks that may be retried or are in no listing, of as many tasks leaving their
     * listing as last time ({@code movedBefore}; all of them when unknown), and the totals.
     */
    static long estimatedCalls(TaskIndex index, int pageSize, Predicate<TaskIndex.Unsettled> mayBeRetried,
                               long movedBefore, Predicate<String> listable) {
        Map<String, Long> counts = index.countsByStatus();
        Set<String> listed = listedStatuses(index, listable);
        long calls = 1;
        long listedTasks = 0;
        for (String status : listed) {
            long count = counts.getOrDefault(status, 0L);
            calls += ListingReader.pagesFor(count, pageSize);
            listedTasks += count;
        }
        long byName = movedBefore < 0 ? listedTasks : Math.min(listedTasks, movedBefore);
        boolean failedUnread = false;
        for (TaskIndex.Unsettled task : index.unsettled()) {
            boolean failed = TaskStatus.FAILED.is(task.status());
            if ((failed && mayBeRetried.test(task)) || isUnlisted(task.status(), listed)) {
                byName++;
            } else if (failed) {
                failedUnread = true;
            }
        }
        calls += (byName + VendorLimits.DEVICE_NAMES_PER_CALL - 1) / VendorLimits.DEVICE_NAMES_PER_CALL;
        return failedUnread ? calls + 1 : calls;
    }

    /**
     * The statuses that known tasks can still change from and that a listing may show ({@code listable}: not
     * refused as a filter): see the class comment.
     */
    static Set<String> listedStatuses(TaskIndex index, Predicate<String> listable) {
        Set<String> listed = new LinkedHashSet<>();
        index.countsByStatus().forEach((status, count) -> {
            if (count > 0 && !status.isEmpty() && !TaskStatus.isOutcome(status) && listable.test(status)) {
                listed.add(status);
            }
        });
        return listed;
    }

    /** A task that can change but is in no listing: re-read by name (no status, or one no listing shows). */
    private static boolean isUnlisted(String status, Set<String> listed) {
        return !listed.contains(status) && !TaskStatus.isOutcome(status);
    }
}
