package io.github.otaconnect.source;


/** What a listing strategy may ask of the scan in progress. */
interface ScanView {

    /** Whether the task with this {@link TaskIndex#key(String) key} was read in this scan. */
    boolean observed(long taskKey);

    /** Tasks whose current status (last delivered, or read in this scan) is {@code status}. */
    long currentCount(String status);

    /** Tasks known: delivered before, or new in this scan. */
    long knownTasks();

    /** Statuses the job's tasks have been seen in, this scan or before. */
    java.util.Set<String> knownStatuses();
}
