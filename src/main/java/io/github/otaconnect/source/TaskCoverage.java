package io.github.otaconnect.source;

/**
 * How much of a job's tasks one listing strategy ({@link FullScan}, {@link ChangeScan}) covered: the job's
 * total, how many tasks could not be read, whether a full listing is needed to be sure of the rest, how many
 * known tasks had left the listing they were expected in (re-read by name; the next cost estimate starts
 * from it), and how many known tasks that can still change were missed this time (rows move between pages)
 * and are left to the next scan. A scan may run two strategies; what the whole scan did is its
 * {@link ScanOutcome}.
 */
record TaskCoverage(long total, long unreadable, boolean needsFullScan, long moved, long missed) {

    TaskCoverage(long total, long unreadable, boolean needsFullScan, long moved) {
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
