package io.github.otaconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.otaconnect.simulator.JobSpec;

/**
 * The connector on a distributed cluster of three workers: workers leave and come back while jobs are
 * being scanned, and what reaches Kafka still converges to the truth with nothing repeated. Subclasses
 * supply the cluster.
 */
abstract class FailoverScenarios extends ScenarioSupport {

    static final int WORKERS = 3;

    @BeforeEach
    void setUp(TestInfo test) {
        startSimulator(test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void tearDown() {
        stopSimulator();
        while (runtime().workers() < WORKERS) {
            runtime().startWorker();
        }
    }

    private List<String> threeJobs() {
        return List.of(job(JobSpec.upgrade().taskCount(3_000).changeRate(0.05).retry(1, 0)),
                job(JobSpec.upgrade().taskCount(1_500).changeRate(0.1)),
                job(JobSpec.verify().taskCount(800).changeRate(0.1)));
    }

    /** Waits until every task runs on one of the workers still in the cluster. */
    private void awaitTasksOnRemainingWorkers(int tasks) {
        awaitState("tasks running on " + runtime().workers() + " workers", status -> {
            Set<String> workers = new HashSet<>();
            for (JsonNode task : status.path("tasks")) {
                workers.add(task.path("worker_id").asText());
            }
            return isRunning(status, tasks) && workers.size() <= runtime().workers();
        });
    }

    @Test
    void aWorkerThatLeavesHandsItsTasksOverWithoutLoss() {
        List<String> jobs = threeJobs();
        deploy(connectorConfig(jobs, 3), 3);
        try (TopicRecords records = reader()) {
            awaitTaskRecords(records, 1_000);
            runtime().stopOneWorker();
            awaitTasksOnRemainingWorkers(3);
            simulator.scenario().finishAll();
            awaitConvergence(records, jobs, true);
            assertEquals(List.of(), Convergence.duplicates(records, taskTopic));
        }
    }

    @Test
    void aRollingRestartOfEveryWorkerLosesNothing() {
        List<String> jobs = threeJobs();
        deploy(connectorConfig(jobs, 3), 3);
        try (TopicRecords records = reader()) {
            awaitTaskRecords(records, 1_000);
            for (int i = 0; i < WORKERS; i++) {
                runtime().stopOneWorker();
                awaitTasksOnRemainingWorkers(3);
                runtime().startWorker();
                awaitState("all tasks running", status -> isRunning(status, 3));
            }
            simulator.scenario().finishAll();
            awaitConvergence(records, jobs, true);
            assertEquals(List.of(), Convergence.duplicates(records, taskTopic));
        }
    }
}
