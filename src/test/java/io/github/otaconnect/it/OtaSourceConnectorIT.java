package io.github.otaconnect.it;

import static io.github.otaconnect.it.ConnectClusterFixture.CONVERGENCE_TIMEOUT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.SimClock;

/**
 * The connector on a real single-worker Connect cluster and a real broker, deployed through the REST
 * API against the OTA API simulator running in real time.
 */
class OtaSourceConnectorIT {

    private static ConnectClusterFixture cluster;
    private OtaApiSimulator simulator;
    private String name;
    private String jobTopic;
    private String taskTopic;

    @BeforeAll
    static void startCluster() {
        cluster = ConnectClusterFixture.start("ota-it", 1, false);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void startSimulator(TestInfo test) {
        simulator = OtaApiSimulator.builder().qpsPerAction(0).clock(SimClock.system()).build().start();
        name = test.getTestMethod().orElseThrow().getName().toLowerCase();
        jobTopic = name + ".jobs";
        taskTopic = name + ".tasks";
    }

    @AfterEach
    void stopSimulator() {
        cluster.connect.deleteConnector(name);
        simulator.close();
    }

    private String job(JobSpec.Builder spec) {
        return simulator.scenario().addJob(spec.build());
    }

    private TopicRecords reader() {
        return new TopicRecords(cluster.bootstrapServers(), false, jobTopic, taskTopic);
    }

    private void awaitConvergence(TopicRecords records, List<String> jobIds, boolean finished) {
        await().atMost(CONVERGENCE_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertEquals(List.of(), Convergence.divergence(simulator.scenario(), jobIds, records.catchUp(),
                        jobTopic, taskTopic, finished)));
    }

    @Test
    void streamsJobsAndTasksUntilTheyConvergeWithTheTruth() throws Exception {
        List<String> jobs = List.of(
                job(JobSpec.upgrade().taskCount(600).changeRate(0.3).failureProbability(0.2).retry(1, 0)),
                job(JobSpec.verify().taskCount(250).changeRate(0.3).confirmProbability(0.2)));
        cluster.connect.configureConnector(name, ConnectClusterFixture.connectorConfig(simulator, name, jobs, 2));
        cluster.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "two tasks run");

        try (TopicRecords records = reader()) {
            await().atMost(CONVERGENCE_TIMEOUT).until(() -> records.catchUp().all(taskTopic).size() >= 850);
            simulator.scenario().finishAll();
            awaitConvergence(records, jobs, true);
            assertEquals(List.of(), Convergence.duplicates(records, taskTopic));
        }
    }

    @Test
    void aStopInTheMiddleOfAScanThenResumeLosesAndRepeatsNothing() throws Exception {
        // 150 pages a scan at 50 queries per second: three seconds a scan, so a stop lands inside one.
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(15_000).alreadyTerminal(0.5).changeRate(0.05)));
        Map<String, String> config = ConnectClusterFixture.connectorConfig(simulator, name, jobs, 1);
        // All 15,000 tasks were created inside the look-back window: the offset must be allowed to name them
        // all, or a restart may repeat some (the documented bound), and this test is about repeating none.
        config.put("ota.offset.recent.max.entries", "20000");
        cluster.connect.configureConnector(name, config);
        try (TopicRecords records = reader()) {
            await().atMost(CONVERGENCE_TIMEOUT).until(() -> records.catchUp().all(taskTopic).size() >= 15_000);
            for (int i = 0; i < 2; i++) {
                cluster.connect.stopConnector(name);
                cluster.connect.assertions().assertConnectorIsStopped(name, "stopped");
                int before = records.catchUp().all(taskTopic).size();
                // Changes made while the connector is down must arrive after the resume.
                await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
                assertEquals(before, records.catchUp().all(taskTopic).size(), "nothing written while stopped");
                cluster.connect.resumeConnector(name);
                cluster.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "resumed");
            }
            simulator.scenario().finishAll();
            awaitConvergence(records, jobs, true);
            assertEquals(List.of(), Convergence.duplicates(records, taskTopic));
        }
    }

    @Test
    void offsetsAreKeyedByJobAndCanBeResetThroughTheRestApi() throws Exception {
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(120).changeRate(0)));
        cluster.connect.configureConnector(name, ConnectClusterFixture.connectorConfig(simulator, name, jobs, 1));
        try (TopicRecords records = reader()) {
            awaitConvergence(records, jobs, false);
            await().atMost(CONVERGENCE_TIMEOUT).untilAsserted(() -> {
                ConnectorOffsets offsets = cluster.connect.connectorOffsets(name);
                assertEquals(1, offsets.offsets().size());
                assertEquals(Map.of("job_id", jobs.get(0)), offsets.offsets().get(0).partition());
                assertEquals(1, ((Number) offsets.offsets().get(0).offset().get("v")).intValue());
            });

            cluster.connect.stopConnector(name);
            cluster.connect.assertions().assertConnectorIsStopped(name, "stopped");
            cluster.connect.resetConnectorOffsets(name);
            cluster.connect.resumeConnector(name);

            await().atMost(CONVERGENCE_TIMEOUT).until(() -> records.catchUp().all(taskTopic).size() >= 240);
            assertEquals(2, records.all(jobTopic).size(), "a reset starts over, snapshot included");
        }
    }

    @Test
    void aJobThatDoesNotExistLeavesTheOthersRunning() throws Exception {
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(80).changeRate(0.5)), "NoSuchJob00000000000200");
        cluster.connect.configureConnector(name, ConnectClusterFixture.connectorConfig(simulator, name, jobs, 1));
        try (TopicRecords records = reader()) {
            simulator.scenario().finishAll();
            awaitConvergence(records, jobs.subList(0, 1), true);
            cluster.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "still running");
        }
    }

    @Test
    void revokedCredentialsFailTheTaskWithAMessageThatNamesTheFix() throws Exception {
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(50).changeRate(0.1)));
        cluster.connect.configureConnector(name, ConnectClusterFixture.connectorConfig(simulator, name, jobs, 1));
        try (TopicRecords records = reader()) {
            await().atMost(CONVERGENCE_TIMEOUT).until(() -> !records.catchUp().all(taskTopic).isEmpty());
        }
        simulator.revokeCredentials(OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
        cluster.connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(name, 1, "the task fails");
        ConnectorStateInfo status = cluster.connect.connectorStatus(name);
        String trace = status.tasks().get(0).trace();
        assertTrue(trace.contains("AccessKey"), trace);
        assertTrue(!trace.contains(OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET), "no secret in the trace");
        long callsAfterFailure = simulator.counters().snapshot().total();
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertEquals(callsAfterFailure, simulator.counters().snapshot().total(), "a failed task stops calling");
    }

    @Test
    void tasksShareTheBudgetWithoutExceedingIt() throws Exception {
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(5_000).changeRate(0)),
                job(JobSpec.upgrade().taskCount(100).changeRate(0)), job(JobSpec.upgrade().taskCount(100).changeRate(0)));
        Map<String, String> config = ConnectClusterFixture.connectorConfig(simulator, name, jobs, 2);
        config.put("ota.qps.per.action", "9");
        config.put("ota.qps.allow.above.vendor.limit", "false");
        cluster.connect.configureConnector(name, config);
        cluster.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "two tasks");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<?> taskConfigs = cluster.connect.taskConfigs(name);
            assertEquals(2, taskConfigs.size());
        });
        double sum = 0;
        double biggest = 0;
        for (Object task : cluster.connect.taskConfigs(name)) {
            double share = Double.parseDouble(((TaskInfo) task).config().get("ota.task.qps.per.action"));
            sum += share;
            biggest = Math.max(biggest, share);
        }
        assertTrue(sum <= 9.0, "sum of shares " + sum);
        assertTrue(biggest > 6.0, "the task with the big job gets most of the budget: " + biggest);
    }
}
