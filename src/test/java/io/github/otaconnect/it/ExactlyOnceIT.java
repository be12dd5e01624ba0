package io.github.otaconnect.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;

/**
 * Exactly-once delivery ({@code exactly.once.source.support=enabled} on the workers,
 * {@code exactly.once.support=required} on the connector): each poll() batch and its offset commit in one
 * transaction, so a {@code read_committed} consumer sees every observed task state exactly once, however
 * often the connector and its tasks are restarted in the middle of scans. The crash version (a worker
 * killed with kill -9) is {@link WorkerCrashIT}.
 */
class ExactlyOnceIT extends ScenarioSupport {

    private static final ChaosProfile PROFILE = ChaosProfile.current();
    private static EmbeddedConnectRuntime runtime;

    @BeforeAll
    static void startCluster() {
        runtime = EmbeddedConnectRuntime.start("ota-eos-it", 1, true);
    }

    @AfterAll
    static void stopCluster() {
        runtime.close();
    }

    @Override
    protected ConnectRuntime runtime() {
        return runtime;
    }

    @AfterEach
    void tearDown() {
        stopSimulator();
    }

    @Override
    protected TopicRecords reader() {
        return new TopicRecords(runtime.bootstrapServers(), true, jobTopic, taskTopic);
    }

    @Test
    void restartsInTheMiddleOfScansRepeatNothingUnderReadCommitted() {
        Random plan = new Random(PROFILE.seed());
        startSimulator("eosRestarts", OtaApiSimulator.builder().seed(PROFILE.seed()));
        // 150 pages a scan at 50 queries per second: a first scan takes three seconds, so restarts land inside one.
        List<String> jobs = List.of(
                // not scaled: an offset names at most 5,000 states of its look-back window (the default bound);
                // two hours of history spread the settled tasks' times, as in a job that has run a while
                job(JobSpec.upgrade().taskCount(15_000).alreadyTerminal(0.5).history(Duration.ofHours(2))
                        .changeRate(0.05)),
                job(JobSpec.upgrade().taskCount(PROFILE.tasks(1_000)).changeRate(0.2).sameSecondProbability(0.3)));
        Map<String, String> config = connectorConfig(jobs, 2);
        config.put("exactly.once.support", "required");
        // the offset names each state delivered within the look-back window: keep the window short
        config.put("ota.lookback.ms", "5000");
        ChaosReport report = new ChaosReport("ExactlyOnceIT: restarts mid-scan with exactly-once (profile "
                + PROFILE.name() + ")");
        Instant start = Instant.now();
        deploy(config, 2);

        try (TopicRecords committed = reader();
             TopicRecords everything = new TopicRecords(runtime.bootstrapServers(), false, jobTopic, taskTopic)) {
            awaitTaskRecords(committed, PROFILE.tasks(1_000));
            int restarts = PROFILE.name().equals("long") ? 12 : 4;
            for (int i = 0; i < restarts; i++) {
                await().pollDelay(Duration.ofMillis(300 + plan.nextInt(2_500))).until(() -> true);
                switch (i % 3) {
                    case 0 -> runtime.rest().restart(name);
                    case 1 -> runtime.rest().restartTask(name, plan.nextInt(2));
                    default -> {
                        runtime.rest().stop(name);
                        awaitState("stopped", ScenarioSupport::isStopped);
                        runtime.rest().resume(name);
                    }
                }
                awaitState("running again", status -> isRunning(status, 2));
            }
            Instant calm = Instant.now();
            simulator.scenario().finishAll();
            awaitConvergence(committed, jobs, true);
            Duration toConverge = Duration.between(calm, Instant.now());

            everything.catchUp();
            report.put("restarts (connector+tasks / one task / stop+resume)", restarts)
                    .put("task records, read_committed", committed.all(taskTopic).size())
                    .put("task records, read_uncommitted (aborted transactions included)", everything.all(taskTopic).size())
                    .put("duplicates, read_committed (EOS)", Convergence.duplicateCount(committed, taskTopic))
                    .put("tasks lost", Convergence.lostTasks(simulator.scenario(), jobs, committed, taskTopic))
                    .put("run", String.format("%.1f s", Duration.between(start, calm).toMillis() / 1000.0))
                    .put("time to converge", String.format("%.1f s", toConverge.toMillis() / 1000.0));
            report.publish();
            assertEquals(List.of(), Convergence.duplicates(committed, taskTopic));
            assertEquals(0L, report.get("tasks lost"));
        }
    }
}
