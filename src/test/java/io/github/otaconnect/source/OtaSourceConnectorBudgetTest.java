package io.github.otaconnect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.OtaActions;
import io.github.otaconnect.simulator.Fault;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.SimClock;

/**
 * The budget as the connector hands it out through the Connector API: the tasks' shares in their configs plus
 * the monitor's share while it may call, against the simulator on its real clock, without job discovery.
 */
class OtaSourceConnectorBudgetTest {

    private static final double BUDGET = 8.0;

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
        return simulator.scenario().addJob(JobSpec.upgrade().taskCount(tasks).changeRate(0).build());
    }

    private Map<String, String> config(List<String> jobIds) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "budget-unit-test");
        props.put("ota.endpoint.url", simulator.endpoint().toString());
        props.put("ota.access.key.id", OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
        props.put("ota.access.key.secret", OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET);
        props.put("ota.job.ids", String.join(",", jobIds));
        props.put("ota.qps.per.action", Double.toString(BUDGET));
        // one attempt, so that one injected fault leaves a job unsized; the monitor tries again each second
        props.put("ota.retry.max.attempts", "1");
        props.put("ota.discovery.interval.ms", "1000");
        return props;
    }

    private static double tasksShares(List<Map<String, String>> taskConfigs) {
        return taskConfigs.stream()
                .mapToDouble(task -> Double.parseDouble(task.get(OtaSourceTaskConfig.TASK_QPS_PER_ACTION))).sum();
    }

    @Test
    void whileAJobIsUnsizedTheTasksLeaveTheMonitorItsShareAndThenGetTheWholeBudget() {
        String big = addJob(2_000);
        String small = addJob(10);
        simulator.faults().failNext(OtaActions.LIST_OTA_TASK_BY_JOB, 1, Fault.internalError());
        connector.initialize(context);
        connector.start(config(List.of(big, small)));

        List<Map<String, String>> first = connector.taskConfigs(2);

        double monitor = JobAssignment.monitorShare(BUDGET);
        assertTrue(tasksShares(first) + monitor <= BUDGET, "tasks " + tasksShares(first) + " + monitor " + monitor
                + " within " + BUDGET);
        assertEquals(7.0, tasksShares(first), "the big job's size probe failed: the monitor keeps its share");

        // Answer each reassignment request as the framework does; a slow first round may take two.
        AtomicInteger answered = new AtomicInteger();
        AtomicReference<List<Map<String, String>>> latest = new AtomicReference<>(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            if (context.reconfigurations.get() > answered.get()) {
                answered.incrementAndGet();
                latest.set(connector.taskConfigs(2));
                assertTrue(tasksShares(latest.get()) + (tasksShares(latest.get()) < BUDGET ? monitor : 0) <= BUDGET);
            }
            return tasksShares(latest.get()) == BUDGET;
        });
        List<Map<String, String>> second = latest.get();

        assertEquals(BUDGET, tasksShares(second), "every job sized and no discovery: the monitor makes no more calls, "
                + "and the tasks get the whole budget");
        assertTrue(Double.parseDouble(second.get(0).get(OtaSourceTaskConfig.TASK_QPS_PER_ACTION)) >= 6.0,
                "the big job's task gets most of it: " + second);
    }
}
