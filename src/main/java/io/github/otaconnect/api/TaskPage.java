package io.github.otaconnect.api;

import java.time.Instant;
import java.util.List;

/**
 * One page of {@code ListOTATaskByJob}. {@code serverTime} is the response's HTTP {@code Date} header
 * ({@code null} when absent): the vendor's clock, which is what "modified since" comparisons should use.
 */
public record TaskPage(List<OtaTask> tasks, int total, int pageCount, int pageSize, int currentPage,
                       String requestId, Instant serverTime) {

    public TaskPage {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
}
