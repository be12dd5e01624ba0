package io.github.otaconnect.api;

import java.util.Optional;

/**
 * The job (update batch) statuses the connector knows. As with {@link TaskStatus}, a job status travels as
 * the raw string the vendor sent and an unknown one is passed on; the questions here take that string.
 * The vendor spells one status two ways ({@code COMPLETE} on its reference page, {@code COMPLETED} on
 * others), so each status lists its spellings, and they are matched ignoring case.
 */
public enum JobStatus {
    /** Created, waiting for its scheduled start ({@code UtcScheduleTime}); only static jobs are planned. */
    PLANNED("PLANNED"),
    IN_PROGRESS("IN_PROGRESS"),
    COMPLETE("COMPLETE", "COMPLETED"),
    CANCELED("CANCELED");

    private final String[] spellings;

    JobStatus(String... spellings) {
        this.spellings = spellings;
    }

    /** The known status this raw value names, in any of its spellings, or empty for null or a new status. */
    public static Optional<JobStatus> of(String raw) {
        for (JobStatus status : values()) {
            if (status.is(raw)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** Whether the raw value is this status, in any of its spellings. */
    public boolean is(String raw) {
        for (String spelling : spellings) {
            if (spelling.equalsIgnoreCase(raw)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The job will not change any more: COMPLETE (or COMPLETED) or CANCELED. Its tasks may still: a FAILED
     * task of a complete job can be retried, which the connector checks separately.
     */
    public static boolean isFinal(String raw) {
        return COMPLETE.is(raw) || CANCELED.is(raw);
    }
}
