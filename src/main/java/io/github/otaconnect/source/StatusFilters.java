package io.github.otaconnect.source;

import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.FatalApiException;
import io.github.otaconnect.api.TaskStatus;

/**
 * Which {@code TaskStatus} values the vendor accepts as a {@code ListOTATaskByJob} filter, as this task
 * has learned them; shared by all the jobs of the task.
 *
 * <p>The six values of the vendor's reference page ({@link TaskStatus#isDocumentedFilter}) are assumed to
 * work until the vendor refuses one. Any other value (CONFIRM, which only the vendor's SDK knows, or a
 * status first seen in a listing) is tried when a scan needs it. The first refusal of a value that never
 * worked marks it as not filterable: one WARN names it, and no listing of this task asks for it again (its
 * tasks are followed by device name and by the job's totals instead). A value that worked once is not given
 * up over a later refusal, which then concerns that one request, not the value. Owned by the task's scan
 * thread.
 */
final class StatusFilters {

    private static final Logger log = LoggerFactory.getLogger(StatusFilters.class);

    private final Set<String> accepted = new HashSet<>();
    private final Set<String> refused = new HashSet<>();

    /** Whether a listing may ask for this status: not refused before. */
    boolean mayFilter(String status) {
        return !refused.contains(status);
    }

    /**
     * Whether a listing filtered by this status is expected to work: documented and not refused, or seen to
     * work. Tasks in any other status may be reachable only another way.
     */
    boolean expectedToWork(String status) {
        return accepted.contains(status) || (TaskStatus.isDocumentedFilter(status) && !refused.contains(status));
    }

    /** The vendor served a listing filtered by this status. */
    void worked(String status) {
        accepted.add(status);
    }

    /**
     * The vendor refused a listing filtered by {@code status}. Returns true when that is taken as the status
     * not being filterable (it never worked in this task); false when the refusal must be handled as one
     * refused request.
     */
    boolean refusedBy(String status, FatalApiException refusal, String jobId) {
        if (refusal.reason() != FatalApiException.Reason.REQUEST || accepted.contains(status)) {
            return false;
        }
        if (refused.add(status)) {
            log.warn("The vendor refuses TaskStatus {} as a ListOTATaskByJob filter (job {}, Code {}, RequestId {}). "
                    + "This task no longer asks for it: tasks in status {} are re-read by device name, found by the "
                    + "job's totals, and counted as unreadable (fully_observable=false) where neither reaches them.",
                    status, jobId, refusal.code(), refusal.requestId(), status);
        }
        return true;
    }
}
