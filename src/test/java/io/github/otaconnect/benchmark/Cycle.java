package io.github.otaconnect.benchmark;

import java.util.Map;

/**
 * One scan of one job as the benchmark saw it.
 *
 * @param attempts      the client's HTTP attempts during the scan, by action and outcome (retries included)
 * @param scannerCalls  the calls the scanner itself counted
 * @param fullScan      the scanner read the whole job, not only what could have changed
 * @param heapAfterGcMiB heap left by a full collection after the scan; null where not measured
 * @param error         the API error that ended the scan early, or null
 */
record Cycle(int number, String jobId, long startedAtMs, long wallMs, Map<String, Map<String, Long>> attempts,
             int scannerCalls, long listCalls, long queryCalls, long throttled, long taskRecords, long jobRecords,
             int changes, boolean complete, boolean fullScan, Double heapAfterGcMiB, String error) {

    Cycle withHeap(double mib) {
        return new Cycle(number, jobId, startedAtMs, wallMs, attempts, scannerCalls, listCalls, queryCalls, throttled,
                taskRecords, jobRecords, changes, complete, fullScan, mib, error);
    }

    long calls() {
        return listCalls + queryCalls;
    }
}
