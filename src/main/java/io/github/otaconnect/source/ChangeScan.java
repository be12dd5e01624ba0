package io.github.otaconnect.source;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads only what can have changed since the last complete scan, so that calls grow with the tasks that
 * can still change, not with the job's size.
 *
 * <p>Why it cannot miss a change, given the index is complete (every task of the job was delivered
 * once):
 * <ol>
 *   <li>SUCCEEDED and CANCELED tasks never change again.</li>
 *   <li>Every status a task can still change from, except FAILED, is listed in full each time (QUEUED,
 *       NOTIFIED, CONFIRM, IN_PROGRESS, and any status the connector does not know), so each of those
 *       tasks is read. A status the vendor refuses as a filter ({@link StatusFilters}) cannot be listed:
 *       its known tasks are re-read by name as in the next point, and a task new to the connector in it
 *       shows in the total (last point).</li>
 *   <li>A task that was in one of those statuses and is in none of their listings now moved (to a final
 *       status, to FAILED, or just between pages while they were read): it is re-read by its device name,
 *       50 a call, wherever it now is. One without a device name, or whose re-read the vendor refuses,
 *       makes the scan ask for a full listing.</li>
 *   <li>A FAILED task changes only when the job's retry policy re-queues it, one retry interval after it
 *       failed. Every FAILED task still inside that window (plus the look-back) is re-read by name, so even
 *       a retry that runs to its end between two scans is seen. Should the vendor retry later than that,
 *       the FAILED total falls below the FAILED tasks known: the FAILED listing is then read in full and
 *       the known FAILED tasks missing from it are re-read by name.</li>
 *   <li>Last, the job's total must equal the tasks the connector knows. A task it has never seen (a
 *       dynamic job adding devices straight into a status it does not list) makes the scan say so, and a
 *       full listing follows; nothing is assumed. Tasks moving between statuses while the scan runs do not
 *       change the total, so a busy job does not fall back to full listings.</li>
 * </ol>
 * Cost per scan: one call per 100 tasks that can still change, one per 50 that stopped being changeable
 * or may be retried, plus two calls for the totals.
 */
final class ChangeScan {

    static final List<String> CHANGEABLE = List.of("QUEUED", "NOTIFIED", "CONFIRM", "IN_PROGRESS");
    static final Set<String> NOT_LISTED = Set.of("FAILED", "SUCCEEDED", "CANCELED");

    private ChangeScan() {
    }

    /**
     * @param mayBeRetried whether a FAILED task (as last delivered) may still be re-queued by the job's
     *                     retry policy
     */
    static ScanResult run(ListingReader reader, ScanView view, TaskIndex index,
                          Predicate<TaskIndex.Unsettled> mayBeRetried) throws InterruptedException {
        Set<String> changeable = new LinkedHashSet<>(CHANGEABLE);
        for (String status : view.knownStatuses()) {
            if (!NOT_LISTED.contains(status)) {
                changeable.add(status);
            }
        }
        for (String status : changeable) {
            // One pass: a known task that moved out of reach while pages were read is re-read by name below,
            // and an unknown one shows in the total.
            ListingReader.Listing listing = reader.readOnce(status);
            if (listing.beyondWindow() > 0) {
                // Too many tasks in flight for one listing: only a full (split) scan can say what it can read.
                return new ScanResult(0, listing.beyondWindow(), true);
            }
        }
        List<String> devices = new ArrayList<>();
        for (TaskIndex.Unsettled task : index.unsettled()) {
            boolean leftItsListing = changeable.contains(task.status()) && !view.observed(task.key());
            boolean retryPending = "FAILED".equals(task.status()) && mayBeRetried.test(task);
            if (leftItsListing || retryPending) {
                if (task.deviceName() == null) {
                    return new ScanResult(0, 0, true);
                }
                devices.add(task.deviceName());
            }
        }
        if (!reader.readDevices(devices)) {
            return new ScanResult(0, 0, true);
        }
        int failedTotal = reader.total("FAILED");
        if (failedTotal == ListingReader.NOT_FILTERABLE || failedTotal < view.currentCount("FAILED")) {
            // FAILED tasks left FAILED unseen (a retry outside the expected window that already settled):
            // the FAILED listing shows which (without it, every known one is), and they are re-read by name.
            reader.readOnce("FAILED");
            List<String> missing = new ArrayList<>();
            for (TaskIndex.Unsettled task : index.unsettled()) {
                if ("FAILED".equals(task.status()) && !view.observed(task.key())) {
                    if (task.deviceName() == null) {
                        return new ScanResult(0, 0, true);
                    }
                    missing.add(task.deviceName());
                }
            }
            if (!reader.readDevices(missing)) {
                return new ScanResult(0, 0, true);
            }
        }
        long total = reader.total(null);
        long known = view.knownTasks();
        return new ScanResult(total, 0, total != known);
    }
}
