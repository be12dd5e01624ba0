package io.github.otaconnect.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.connector.ConnectorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.ApiCallListener;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaApiException;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;

/**
 * Learns what one scan of each job costs (its task count in pages, plus the job query), one cheap call per
 * job, so that {@link JobAssignment} can share the budget by work. Runs in the background; the first task
 * assignment waits for it briefly and, if it arrives later, asks the framework to reassign.
 */
final class JobSizeProbe {

    private static final Logger log = LoggerFactory.getLogger(JobSizeProbe.class);
    private static final long FIRST_ASSIGNMENT_WAIT_MS = 5_000;
    /** The probe's calls come out of the same per-action budget as the tasks'; it stays far below it. */
    private static final double PROBE_QPS = 1.0;

    private final OtaSourceConnectorConfig config;
    private final ConnectorContext context;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Map<String, Long> costs = new HashMap<>();
    private volatile boolean assignedWithoutCosts;
    private Thread thread;
    private OtaApi api;

    JobSizeProbe(OtaSourceConnectorConfig config, ConnectorContext context) {
        this.config = config;
        this.context = context;
    }

    void start() {
        api = OtaApiFactory.create(config, Math.min(PROBE_QPS, config.qpsPerAction()), ApiCallListener.NONE);
        thread = new Thread(this::probe, "ota-job-size-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** The known scan costs by job ID; waits briefly for the probe the first time. */
    Map<String, Long> scanCosts() {
        try {
            if (!done.await(FIRST_ASSIGNMENT_WAIT_MS, TimeUnit.MILLISECONDS)) {
                assignedWithoutCosts = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (costs) {
            return Map.copyOf(costs);
        }
    }

    void stop() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (api != null) {
            api.close();
        }
    }

    private void probe() {
        List<String> jobIds = config.jobIds();
        try {
            for (String jobId : jobIds) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                try {
                    TaskPage page = api.listTasks(new TaskQuery(jobId, 1, 1, null, List.of()));
                    long pages = (page.total() + config.pageSize() - 1) / config.pageSize();
                    synchronized (costs) {
                        costs.put(jobId, 1 + Math.max(1, pages));
                    }
                } catch (OtaApiException e) {
                    log.debug("Could not learn the size of job {} ({}); it counts as a small job", jobId,
                            e.getMessage());
                }
            }
        } finally {
            done.countDown();
        }
        if (assignedWithoutCosts && !costs.isEmpty()) {
            log.info("Job sizes known; reassigning jobs and budget to tasks by size");
            context.requestTaskReconfiguration();
        }
    }
}
