package io.github.otaconnect.api;

import java.util.List;

/** One page of {@code ListOTAJobByFirmware}. */
public record JobSummaryPage(List<JobSummary> jobs, int total, int pageCount, int pageSize,
                             int currentPage, String requestId) {

    public JobSummaryPage {
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
}
