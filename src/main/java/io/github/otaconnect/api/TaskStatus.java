package io.github.otaconnect.api;

import java.util.Optional;

/**
 * The task statuses the connector knows, and what each one means for reading a job.
 *
 * <p>A status travels as the raw string the vendor sent: in {@link OtaTask}, in the index, in listings and
 * in records. The vendor adds values over time, and an unknown status is data to pass on, never an error,
 * so the questions here take that raw string and answer for an unknown one as for a task that can still
 * change. Matching is exact: the value a listing is filtered by and the value tasks are counted under must
 * be the same string. The constant names are the wire values; the order is the order a full scan lists
 * them in.
 */
public enum TaskStatus {
    QUEUED(true, false, false),
    NOTIFIED(true, false, false),
    /** Waiting for a user's confirmation: only the vendor's SDK knows it, the reference page does not. */
    CONFIRM(false, false, false),
    IN_PROGRESS(true, false, false),
    /** An outcome, yet not settled: a job's retry policy puts a failed task back in the queue. */
    FAILED(true, true, false),
    SUCCEEDED(true, true, true),
    CANCELED(true, true, true);

    private final boolean documentedFilter;
    private final boolean outcome;
    private final boolean settled;

    TaskStatus(boolean documentedFilter, boolean outcome, boolean settled) {
        this.documentedFilter = documentedFilter;
        this.outcome = outcome;
        this.settled = settled;
    }

    /** The known status this raw value names, or empty for {@code null} and for a status new to the connector. */
    public static Optional<TaskStatus> of(String raw) {
        for (TaskStatus status : values()) {
            if (status.name().equals(raw)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** Whether the raw value is this status. */
    public boolean is(String raw) {
        return name().equals(raw);
    }

    /**
     * A task in this status never changes again: SUCCEEDED or CANCELED. Everything else, FAILED and unknown
     * statuses included, may still change and has to be followed.
     */
    public static boolean isSettled(String raw) {
        return of(raw).map(status -> status.settled).orElse(false);
    }

    /**
     * The task's update attempt has come to an end: SUCCEEDED, CANCELED or FAILED. Unlike the settled ones, a
     * FAILED task can change again, but only when the job's retry policy re-queues it, one retry interval
     * after it failed, so it can be followed on that timetable instead of at every moment.
     */
    public static boolean isOutcome(String raw) {
        return of(raw).map(status -> status.outcome).orElse(false);
    }

    /**
     * One of the values the reference page of {@code ListOTATaskByJob} lists for its {@code TaskStatus}
     * filter; any other value (CONFIRM, or one first seen in a listing) may or may not be accepted.
     */
    public static boolean isDocumentedFilter(String raw) {
        return of(raw).map(status -> status.documentedFilter).orElse(false);
    }
}
