package io.github.otaconnect.source;

/**
 * What one scan of one job did, for logs and metrics: its API calls, the task changes it found, the records
 * it emitted, whether it read every task ({@link TaskCoverage#complete()}), whether it read the whole job,
 * and the rows the vendor served malformed ({@link MalformedRowLog}).
 */
record ScanOutcome(int calls, int changes, int recordsEmitted, boolean complete, boolean fullScan,
                   int malformedRows) {

    ScanOutcome(int calls, int changes, int recordsEmitted, boolean complete, boolean fullScan) {
        this(calls, changes, recordsEmitted, complete, fullScan, 0);
    }
}
