package io.github.otaconnect.source;

import java.util.List;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaApiException;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;

/**
 * Learns what one scan of a job costs (its task count in pages, plus the job query) with one cheap call,
 * so that {@link JobAssignment} can share the budget by work. Called by the {@link JobMonitor}'s thread.
 */
final class JobSizeProbe {

    private static final Logger log = LoggerFactory.getLogger(JobSizeProbe.class);

    private final OtaApi api;
    private final int pageSize;

    JobSizeProbe(OtaApi api, int pageSize) {
        this.api = api;
        this.pageSize = pageSize;
    }

    /**
     * The calls one scan of the job costs, or empty when the job cannot be read now (it then counts as a
     * small job until a later attempt succeeds).
     */
    OptionalLong scanCost(String jobId) throws InterruptedException {
        try {
            TaskPage page = api.listTasks(new TaskQuery(jobId, 1, 1, null, List.of()));
            long pages = (page.total() + pageSize - 1) / pageSize;
            return OptionalLong.of(1 + Math.max(1, pages));
        } catch (OtaApiException e) {
            log.debug("Could not learn the size of job {} ({}); it counts as a small job for now", jobId,
                    e.getMessage());
            return OptionalLong.empty();
        }
    }
}
