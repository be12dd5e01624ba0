package io.github.otaconnect.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;

/**
 * The connector's scenarios on one Connect worker, deployed through the REST API against the OTA API
 * simulator in real time, checked by consuming the topics. Subclasses supply the cluster.
 */
abstract class ConnectorScenarios extends ScenarioSupport {

    @BeforeEach
    void setUp(TestInfo test) {
        startSimulator(test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void tearDown() {
        stopSimulator();
    }

    @Test
    void streamsJobsAndTasksUntilTheyConvergeWithTheTruth() {
        List<String> jobs = List.of(
                job(JobSpec.upgrade().taskCount(600).changeRate(0.3).failureProbability(0.2).retry(1, 0)),
                job(JobSpec.verify().taskCount(250).changeRate(0.3).confirmProbability(0.2)));
        deploy(connectorConfig(jobs, 2), 2);

        try (TopicRecords records = reader()) {
            awaitTaskRecords(records, 850);
            simulator.scenario().finishAll();
            awaitConvergence(records, jobs, true);
            assertEquals(List.of(), Convergence.duplicates(records, taskTopic));
        }
    }

    @Test
    void aStopInTheMiddleOfAScanThenResumeLosesAndRepeatsNothing() {
        // 150 pages a scan at 50 queries per second: three seconds a scan, so a stop lands inside one.
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(15_000).alreadyTerminal(0.5)
                .history(Duration.ofHours(2)).changeRate(0.05)));
        Map<String, String> config = connectorConfig(jobs, 1);
        // The offset names every state delivered inside the look-back window (up to a bound, 5,000 by default,
        // past which a restart may repeat some): a short window and two hours of spread history keep this
        // busy job's states within the bound.
        config.put("ota.lookback.ms", "5000");
        deploy(config, 1);
        try (TopicRecords records = reader()) {
            awaitTaskRecords(records, 15_000);
            for (int i = 0; i < 2; i++) {
                runtime().rest().stop(name);
                awaitState("stopped", ScenarioSupport::isStopped);
                int before = records.catchUp().all(taskTopic).size();
                // Changes made while the connector is down must arrive after the resume; none before it.
                await("nothing written while stopped").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> records.catchUp().all(taskTopic).size() == before);
                runtime().rest().resume(name);
                awaitState("resumed", status -> isRunning(status, 1));
            }
            simulator.scenario().finishAll();
            awaitConvergence(records, jobs, true);
            assertEquals(List.of(), Convergence.duplicates(records, taskTopic));
        }
    }

    @Test
    void restartingConnectorAndTasksResumesFromCommittedOffsets() {
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(2_000).changeRate(0.1).retry(2, 0)),
                job(JobSpec.upgrade().taskCount(500).changeRate(0.2)));
        deploy(connectorConfig(jobs, 2), 2);
        try (TopicRecords records = reader()) {
            awaitTaskRecords(records, 2_500);
            for (int i = 0; i < 3; i++) {
                runtime().rest().restart(name);
                awaitState("restarted", status -> isRunning(status, 2));
                // The restarted tasks must deliver something before the next restart hits them.
                awaitTaskRecords(records, records.catchUp().all(taskTopic).size() + 1);
            }
            simulator.scenario().finishAll();
            awaitConvergence(records, jobs, true);
            assertEquals(List.of(), Convergence.duplicates(records, taskTopic));
        }
    }

    @Test
    void offsetsAreKeyedByJobAndCanBeResetThroughTheRestApi() {
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(120).changeRate(0)));
        deploy(connectorConfig(jobs, 1), 1);
        try (TopicRecords records = reader()) {
            awaitConvergence(records, jobs, false);
            await().atMost(TIMEOUT).untilAsserted(() -> {
                JsonNode offsets = runtime().rest().offsets(name).path("offsets");
                assertEquals(1, offsets.size());
                assertEquals(jobs.get(0), offsets.get(0).path("partition").path("job_id").asText());
                assertEquals(1, offsets.get(0).path("offset").path("v").asInt());
            });

            runtime().rest().stop(name);
            awaitState("stopped", ScenarioSupport::isStopped);
            runtime().rest().resetOffsets(name);
            runtime().rest().resume(name);

            awaitTaskRecords(records, 240);
            assertEquals(2, records.all(jobTopic).size(), "a reset starts over, snapshot included");
        }
    }

    @Test
    void aJobThatDoesNotExistLeavesTheOthersRunning() {
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(80).changeRate(0.5)), "NoSuchJob00000000000200");
        deploy(connectorConfig(jobs, 1), 1);
        try (TopicRecords records = reader()) {
            simulator.scenario().finishAll();
            awaitConvergence(records, jobs.subList(0, 1), true);
            assertTrue(isRunning(runtime().rest().status(name), 1), "still running");
        }
    }

    @Test
    void revokedCredentialsFailTheTaskWithAMessageThatNamesTheFix() {
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(50).changeRate(0.1)));
        deploy(connectorConfig(jobs, 1), 1);
        try (TopicRecords records = reader()) {
            awaitTaskRecords(records, 1);
        }
        simulator.revokeCredentials(OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
        awaitState("the task fails", ScenarioSupport::anyTaskFailed);
        String trace = runtime().rest().status(name).path("tasks").get(0).path("trace").asText();
        assertTrue(trace.contains("ota.access.key.id"), trace);
        assertFalse(trace.contains(OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET), "no secret in the trace");
        long callsAfterFailure = simulator.counters().snapshot().total();
        await("a failed task stops calling").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> simulator.counters().snapshot().total() == callsAfterFailure);
    }

    @Test
    void tasksShareTheBudgetWithoutExceedingIt() {
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(5_000).changeRate(0)),
                job(JobSpec.upgrade().taskCount(100).changeRate(0)), job(JobSpec.upgrade().taskCount(100).changeRate(0)));
        Map<String, String> config = connectorConfig(jobs, 2);
        config.put("ota.qps.per.action", "9");
        config.put("ota.qps.allow.above.vendor.limit", "false");
        deploy(config, 2);

        List<Map<String, String>> tasks = runtime().rest().taskConfigs(name);
        assertEquals(2, tasks.size());
        double sum = 0;
        double biggest = 0;
        for (Map<String, String> task : tasks) {
            double share = Double.parseDouble(task.get("ota.task.qps.per.action"));
            sum += share;
            biggest = Math.max(biggest, share);
        }
        assertTrue(sum <= 9.0, "sum of shares " + sum);
        assertTrue(biggest > 6.0, "the task with the big job gets most of the budget: " + biggest);
    }
}
