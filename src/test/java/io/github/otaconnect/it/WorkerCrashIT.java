package io.github.otaconnect.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;

/**
 * A Connect worker in its own JVM killed with kill -9 (SIGKILL: no shutdown hook, no offset flush, no
 * transaction abort) in the middle of a scan, then started again. With exactly-once support, a
 * {@code read_committed} consumer sees every observed task state exactly once; without it nothing is lost
 * and the repeats a crash causes (records sent after the last offset flush) are counted.
 */
class WorkerCrashIT extends ScenarioSupport {

    private static final ChaosProfile PROFILE = ChaosProfile.current();

    @TempDir
    Path work;
    private ChildWorkerConnectRuntime runtime;

    @Override
    protected ConnectRuntime runtime() {
        return runtime;
    }

    @AfterEach
    void tearDown() {
        try {
            if (simulator != null) {
                stopSimulator();
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    @Test
    void aWorkerKilledMidScanWithExactlyOnceRepeatsNothingUnderReadCommitted() {
        ChaosReport report = crashRun(true);
        assertEquals(0L, report.get("duplicates, read_committed"));
        assertEquals(0L, report.get("tasks lost"));
    }

    @Test
    void aWorkerKilledMidScanWithoutExactlyOnceLosesNothing() {
        ChaosReport report = crashRun(false);
        assertEquals(0L, report.get("tasks lost"));
    }

    /**
     * Each restart is a fresh JVM, and with an IoT instance the source partition has two keys: a task finds
     * its committed offset only if every JVM serializes the partition to the same bytes. Three small active
     * jobs, as in the run outside our harness that found 636 states written twice when it did not.
     */
    @Test
    void aFreshWorkerJvmWithAnIotInstanceFindsItsOffsetsAndRepeatsNothing() {
        runtime = ChildWorkerConnectRuntime.start(work, "ota-crash-instance", 1, true);
        startSimulator("crashInstance", OtaApiSimulator.builder().seed(PROFILE.seed() + 2)
                .iotInstanceId("iot-060a0b1c"));
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(250).changeRate(0.03).seed(31)),
                job(JobSpec.upgrade().taskCount(250).changeRate(0.03).seed(32)),
                job(JobSpec.verify().taskCount(250).changeRate(0.03).seed(33)));
        Map<String, String> config = connectorConfig(jobs, 1);
        config.put("ota.iot.instance.id", "iot-060a0b1c");
        config.put("exactly.once.support", "required");
        ChaosReport report = crashAndConverge("WorkerCrashIT: kill -9 and a fresh worker JVM, IoT instance "
                + "configured, exactly-once", config, jobs, true, 1, 3, 100, 200);
        assertEquals(0L, report.get("duplicates, read_committed"));
        assertEquals(0L, report.get("tasks lost"));
    }

    private ChaosReport crashRun(boolean exactlyOnce) {
        String mode = exactlyOnce ? "exactly-once" : "at-least-once";
        runtime = ChildWorkerConnectRuntime.start(work, "ota-crash-" + (exactlyOnce ? "eos" : "alo"), 1, exactlyOnce);
        startSimulator(exactlyOnce ? "crashEos" : "crashAlo", OtaApiSimulator.builder().seed(PROFILE.seed()));
        List<String> jobs = List.of(
                // not scaled: an offset names at most 5,000 states of its look-back window (the default bound);
                // two hours of history spread the settled tasks' times, as in a job that has run a while
                job(JobSpec.upgrade().taskCount(15_000).alreadyTerminal(0.5).history(Duration.ofHours(2))
                        .changeRate(0.05)),
                job(JobSpec.upgrade().taskCount(PROFILE.tasks(1_000)).changeRate(0.2).sameSecondProbability(0.3)));
        Map<String, String> config = connectorConfig(jobs, 2);
        // the offset names each state delivered within the look-back window: keep the window short
        config.put("ota.lookback.ms", "5000");
        if (exactlyOnce) {
            config.put("exactly.once.support", "required");
        }
        return crashAndConverge("WorkerCrashIT: kill -9 of a worker process mid-scan, " + mode + " (profile "
                + PROFILE.name() + ")", config, jobs, exactlyOnce, 2, PROFILE.crashes(), 500, 3_000);
    }

    /**
     * Deploys, then kills the worker {@code crashes} times while records stream, each time after between
     * {@code from} and {@code from + spread} more task records; then lets every task settle and converges.
     */
    private ChaosReport crashAndConverge(String title, Map<String, String> config, List<String> jobs,
                                         boolean exactlyOnce, int tasks, int crashes, int from, int spread) {
        Random plan = new Random(PROFILE.seed() + (exactlyOnce ? 1 : 0));
        ChaosReport report = new ChaosReport(title);
        Instant start = Instant.now();
        deploy(config, tasks);

        try (TopicRecords read = new TopicRecords(runtime.bootstrapServers(), exactlyOnce, jobTopic, taskTopic);
             TopicRecords everything = new TopicRecords(runtime.bootstrapServers(), false, jobTopic, taskTopic)) {
            Duration downtime = Duration.ZERO;
            for (int crash = 0; crash < crashes; crash++) {
                // mid-scan: while records stream out, after a random stretch of them
                int target = everything.catchUp().all(taskTopic).size() + from + plan.nextInt(spread);
                await("records streaming before crash " + (crash + 1)).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                        .until(() -> everything.catchUp().all(taskTopic).size() >= target);
                Instant killed = Instant.now();
                runtime.killWorker();
                runtime.startWorker();
                awaitState("the tasks run again after crash " + (crash + 1), status -> isRunning(status, tasks));
                downtime = downtime.plus(Duration.between(killed, Instant.now()));
            }
            Instant calm = Instant.now();
            simulator.scenario().finishAll();
            awaitConvergence(read, jobs, true);
            Duration toConverge = Duration.between(calm, Instant.now());

            everything.catchUp();
            report.put("worker kills (SIGKILL) and restarts", crashes)
                    .put("time from kill to tasks running again (total)", String.format("%.1f s", downtime.toMillis() / 1000.0))
                    .put("task records, " + (exactlyOnce ? "read_committed" : "read_uncommitted"), read.all(taskTopic).size());
            if (exactlyOnce) {
                report.put("task records, read_uncommitted (aborted transactions included)", everything.all(taskTopic).size())
                        .put("duplicates, read_committed", Convergence.duplicateCount(read, taskTopic))
                        .put("duplicates, read_uncommitted (aborted records)", Convergence.duplicateCount(everything, taskTopic));
            } else {
                report.put("duplicates (at-least-once, records after the last offset flush)",
                        Convergence.duplicateCount(read, taskTopic));
            }
            report.put("tasks lost", Convergence.lostTasks(simulator.scenario(), jobs, read, taskTopic))
                    .put("run", String.format("%.1f s", Duration.between(start, calm).toMillis() / 1000.0))
                    .put("time to converge", String.format("%.1f s", toConverge.toMillis() / 1000.0));
            report.publish();
            return report;
        }
    }
}
