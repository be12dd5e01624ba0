package io.github.otaconnect.source;

/**
 * What a listing strategy learned about a job: its total, how many tasks could not be read, whether a full
 * listing is needed to be sure of the rest, how many known tasks had left the listing they were expected in
 * (re-read by name; the next cost estimate starts from it), and how many known tasks that can still change
 * were missed this time (rows move between pages) and are left to the next scan.
 */
record ScanResult(long total, long unreadable, boolean needsFullScan, long moved, long missed) {

    ScanResult(long total, long unreadable, boolean needsFullScan, long moved) {
        this(total, unreadable, needsFullScan, moved, 0);
    }

    /** Every task of the job is known: from now on, reading what can have changed is enough. */
    boolean indexComplete() {
        return unreadable == 0 && !needsFullScan;
    }

    /** Every task was read: every change made before the scan started has been seen. */
    boolean complete() {
        return indexComplete() && missed == 0;
    }
}
