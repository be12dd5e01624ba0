package io.github.otaconnect.source;

/**
 * What a listing strategy learned about a job: its total, how many tasks could not be read, and whether a
 * full listing is needed to be sure of the rest.
 */
record ScanResult(long total, long unreadable, boolean needsFullScan) {

    boolean complete() {
        return unreadable == 0 && !needsFullScan;
    }
}
