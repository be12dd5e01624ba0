package io.github.otaconnect.source;

/**
 * What a listing strategy learned about a job: its total, how many tasks could not be read, whether a full
 * listing is needed to be sure of the rest, and how many known tasks had left the listing they were
 * expected in (re-read by name; the next cost estimate starts from it).
 */
record ScanResult(long total, long unreadable, boolean needsFullScan, long moved) {

    boolean complete() {
        return unreadable == 0 && !needsFullScan;
    }
}
