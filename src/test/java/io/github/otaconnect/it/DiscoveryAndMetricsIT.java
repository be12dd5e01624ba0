package io.github.otaconnect.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.otaconnect.simulator.JobSpec;

/**
 * Job discovery and metrics on one embedded Connect worker: a job created in the simulator while the
 * connector runs reaches Kafka without a configuration change, and the metrics the worker publishes over
 * JMX (same JVM, platform MBean server) account for every API call the simulator served.
 */
class DiscoveryAndMetricsIT extends ScenarioSupport {

    private static final String PRODUCT = "a1DiscoveryIT";
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private static EmbeddedConnectRuntime runtime;

    @BeforeAll
    static void startCluster() {
        runtime = EmbeddedConnectRuntime.start("ota-discovery-it", 1, false);
    }

    @AfterAll
    static void stopCluster() {
        runtime.close();
    }

    @Override
    protected ConnectRuntime runtime() {
        return runtime;
    }

    @BeforeEach
    void setUp(TestInfo test) {
        startSimulator(test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void tearDown() {
        stopSimulator();
    }

    @Test
    void aJobCreatedWhileRunningIsFollowedAndTheMetricsAccountForEveryApiCall() throws Exception {
        String first = job(JobSpec.upgrade().productKey(PRODUCT).taskCount(300).changeRate(0.2));
        String otherProduct = job(JobSpec.upgrade().productKey("b2NotFollowed").taskCount(30).changeRate(0.2));
        Map<String, String> config = connectorConfig(List.of(), 1);
        config.put("ota.product.keys", PRODUCT);
        config.put("ota.discovery.interval.ms", "1000");
        deploy(config, 1);
        JsonNode submitted = runtime.rest().config(name);

        try (TopicRecords records = reader()) {
            awaitConvergence(records, List.of(first), false);

            // A new firmware and a new job of the product, created while the connector runs.
            String second = job(JobSpec.verify().productKey(PRODUCT).destVersion("2.0.0").taskCount(40)
                    .changeRate(0.3).confirmProbability(0.3));
            awaitConvergence(records, List.of(first, second), false);
            assertEquals(submitted, runtime.rest().config(name), "no configuration change was needed");
            assertTrue(records.all(jobTopic).stream().noneMatch(e -> otherProduct.equals(e.text("job_id"))),
                    "another product's job is not followed");

            // Counters live as long as a connector or task instance, and the reassignment that followed the
            // new job replaced the task. So the comparison starts from a clean slate: stop the connector
            // (which removes its metrics), forget the calls counted so far, resume.
            runtime.rest().stop(name);
            awaitState("stopped", ScenarioSupport::isStopped);
            // The status says STOPPED before the worker has called the task's stop(); the task removes its
            // metrics last, after its API client is closed, so once they are gone it makes no more calls.
            await("stopping removes every metric").atMost(TIMEOUT).untilAsserted(() -> assertEquals(Set.of(), mbeans()));
            int taskRecordsBefore = records.catchUp().all(taskTopic).size();
            int jobRecordsBefore = records.all(jobTopic).size();
            simulator.counters().reset();
            runtime.rest().resume(name);
            awaitState("resumed", status -> isRunning(status, 1));

            simulator.scenario().finishAll();
            awaitConvergence(records, List.of(first, second), true);

            // The tasks make no calls once their jobs are finished, but discovery goes on every second. A call
            // in flight is counted by the simulator a moment before the client's metrics see its answer, so
            // the two are compared until they agree (between two discovery calls), not at one instant.
            await("JMX call counts equal the simulator's").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertEquals(simulatorCallsByAction(), jmxCallsByAction()));
            Map<String, Long> calls = jmxCallsByAction();
            for (String action : List.of("QueryOTAJob", "ListOTATaskByJob", "ListOTAFirmware",
                    "ListOTAJobByFirmware")) {
                assertTrue(calls.getOrDefault(action, 0L) > 0, action + " was called and counted: " + calls);
            }

            ObjectName task = new ObjectName("kafka.connect:type=plugins,connector=" + name + ",task=0");
            await("records emitted equal the records in Kafka").atMost(TIMEOUT).untilAsserted(() -> {
                records.catchUp();
                assertEquals(records.all(taskTopic).size() - taskRecordsBefore, recordsEmitted(taskTopic));
                assertEquals(records.all(jobTopic).size() - jobRecordsBefore, recordsEmitted(jobTopic));
            });
            assertEquals(2, JMX.getAttribute(task, "jobs-finished"));
            assertEquals(0, JMX.getAttribute(task, "jobs-followed"));
            assertEquals(0L, JMX.getAttribute(new ObjectName("kafka.connect:type=plugins,connector=" + name
                    + ",task=0,job=" + second), "job-staleness-ms"), "a finished job is never stale");
            assertEquals(2, JMX.getAttribute(new ObjectName("kafka.connect:type=plugins,connector=" + name),
                    "jobs-discovered"));
        }
    }

    private Set<ObjectName> mbeans() throws JMException {
        return JMX.queryNames(new ObjectName("kafka.connect:type=plugins,connector=" + name + ",*"), null);
    }

    /** Every API call counted by the connector and its tasks, summed over outcomes, by action. */
    private Map<String, Long> jmxCallsByAction() throws JMException {
        Map<String, Long> byAction = new TreeMap<>();
        for (ObjectName mbean : mbeans()) {
            if (mbean.getKeyProperty("action") != null && mbean.getKeyProperty("outcome") != null) {
                long count = ((Number) JMX.getAttribute(mbean, "api-calls-total")).longValue();
                byAction.merge(mbean.getKeyProperty("action"), count, Long::sum);
            }
        }
        return byAction;
    }

    private Map<String, Long> simulatorCallsByAction() {
        Map<String, Long> byAction = new TreeMap<>();
        simulator.counters().snapshot().asMap().forEach((action, outcomes) ->
                byAction.put(action, outcomes.values().stream().mapToLong(Long::longValue).sum()));
        return byAction;
    }

    private long recordsEmitted(String topic) throws JMException {
        ObjectName mbean = new ObjectName("kafka.connect:type=plugins,connector=" + name + ",task=0,topic=" + topic);
        return ((Number) JMX.getAttribute(mbean, "records-emitted-total")).longValue();
    }
}
