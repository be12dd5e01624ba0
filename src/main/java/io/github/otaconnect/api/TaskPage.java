package io.github.otaconnect.api;

import java.time.Instant;
import java.util.List;

/**
 * One page of {@code ListOTATaskByJob}. {@code serverTime} is the response's HTTP {@code Date} header
 * ({@code null} when absent): the vendor's clock, which is what "modified since" comparisons should use.
 * {@code malformedRows} are the rows that were not as documented: skipped, or kept with unreadable fields
 * {@code null} (see {@link MalformedRow}); the caller reports them, since only it knows which job the
 * page belongs to.
 */
public record TaskPage(List<OtaTask> tasks, int total, int pageCount, int pageSize, int currentPage,
                       String requestId, Instant serverTime, List<MalformedRow> malformedRows) {

    public TaskPage {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        malformedRows = malformedRows == null ? List.of() : List.copyOf(malformedRows);
    }

    /** A page whose rows were all as documented. */
    public TaskPage(List<OtaTask> tasks, int total, int pageCount, int pageSize, int currentPage, String requestId,
                    Instant serverTime) {
        this(tasks, total, pageCount, pageSize, currentPage, requestId, serverTime, List.of());
    }
}
