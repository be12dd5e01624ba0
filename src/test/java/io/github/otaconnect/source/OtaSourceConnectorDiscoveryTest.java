package io.github.otaconnect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.SimClock;

/** The connector's monitor thread against the simulator in real time, through the Connector API only. */
class OtaSourceConnectorDiscoveryTest {

    private static final String PRODUCT = "a1Connector";

    private final OtaApiSimulator simulator = OtaApiSimulator.builder().qpsPerAction(0).clock(SimClock.system())
            .build().start();
    private final RecordingConnectorContext context = new RecordingConnectorContext();
    private final OtaSourceConnector connector = new OtaSourceConnector();

    @AfterEach
    void close() {
        connector.stop();
        simulator.close();
    }

    private String addJob(int tasks) {
        return simulator.scenario().addJob(JobSpec.upgrade().productKey(PRODUCT).taskCount(tasks).changeRate(0)
                .build());
    }

    private Map<String, String> config() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "discovery-unit-test");
        props.put("ota.endpoint.url", simulator.endpoint().toString());
        props.put("ota.access.key.id", OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
        props.put("ota.access.key.secret", OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET);
        props.put("ota.product.keys", PRODUCT);
        props.put("ota.discovery.interval.ms", "1000");
        props.put("ota.qps.per.action", "9");
        return props;
    }

    private static Set<String> assignedJobs(List<Map<String, String>> taskConfigs) {
        Set<String> jobs = new HashSet<>();
        for (Map<String, String> task : taskConfigs) {
            jobs.addAll(List.of(task.get(OtaSourceTaskConfig.TASK_JOB_IDS).split(",")));
        }
        return jobs;
    }

    @Test
    void discoveredJobsAreAssignedAndANewJobAsksForAReassignment() {
        String big = addJob(2_000);
        String small = addJob(10);
        connector.initialize(context);
        connector.start(config());

        List<Map<String, String>> tasks = connector.taskConfigs(2);

        assertEquals(Set.of(big, small), assignedJobs(tasks));
        double sum = JobAssignment.monitorShare(9);
        for (Map<String, String> task : tasks) {
            sum += Double.parseDouble(task.get(OtaSourceTaskConfig.TASK_QPS_PER_ACTION));
        }
        assertTrue(sum <= 9.0, "the monitor's and the tasks' shares stay within the budget: " + sum);
        assertEquals(Set.of("0", "1"), Set.of(tasks.get(0).get(OtaSourceTaskConfig.TASK_INDEX),
                tasks.get(1).get(OtaSourceTaskConfig.TASK_INDEX)));

        String later = addJob(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> context.reconfigurations.get() == 1);
        assertEquals(Set.of(big, small, later), assignedJobs(connector.taskConfigs(2)));
    }

    @Test
    void stopEndsTheMonitorThreadPromptly() {
        addJob(10);
        connector.initialize(context);
        connector.start(config());
        connector.taskConfigs(1);

        connector.stop();

        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("ota-job-monitor-discovery-unit-test") && t.isAlive()));
    }
}
