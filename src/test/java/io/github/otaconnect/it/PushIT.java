package io.github.otaconnect.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.ScenarioListener;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.simulator.push.PushFixture;
import io.github.otaconnect.simulator.push.PushKnobs;

/**
 * Push (issue #13) end to end: the connector on a real Connect worker subscribed to the simulated vendor's
 * AMQP endpoint ({@link PushFixture}), the simulator on real time. Polling is set far apart, so a change
 * reaches Kafka quickly only because it was pushed; with messages lost or the endpoint down, polling still
 * brings every task to its true state, exactly once; a refused login leaves the connector running on polling.
 *
 * <p>The worker runs with exactly-once source support, which every test here shares (a second cluster would
 * cost its start-up time): each poll() batch is one transaction, committed right after it is sent, and the
 * topics are read {@code read_committed}.
 */
class PushIT extends ScenarioSupport {

    private static final String GROUP = "group-0";
    private static EmbeddedConnectRuntime runtime;

    private PushFixture push;

    @BeforeAll
    static void startCluster() {
        runtime = EmbeddedConnectRuntime.start("ota-push-it", 1, true);
    }

    @AfterAll
    static void stopCluster() {
        runtime.close();
    }

    @Override
    protected ConnectRuntime runtime() {
        return runtime;
    }

    @Override
    protected TopicRecords reader() {
        return new TopicRecords(runtime.bootstrapServers(), true, jobTopic, taskTopic);
    }

    @AfterEach
    void tearDown() {
        stopSimulator();
        if (push != null) {
            push.close();
        }
    }

    @Test
    void pushedChangesReachKafkaWithinTwoSecondsWhilePollsAreMinutesApart() {
        startSimulator("pushLag", OtaApiSimulator.builder().seed(31));
        ChangeTimes changes = new ChangeTimes();
        simulator.scenario().addListener(changes);
        push = PushFixture.start(simulator, Set.of(GROUP), PushKnobs.faithful(31));
        // A large job with a few changes a second: re-reads by device name cost far less than its scan, so
        // the read budget (what the longer polling saves) pays for one re-read per change.
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(8_000).changeRate(0.0004)));
        Map<String, String> config = pushConfig(jobs, GROUP, 30_000, 120_000);
        config.put("ota.push.read.linger.ms", "100");
        // The connector stamps records with the task's UtcModified; the broker's append time is when the
        // change reached Kafka.
        config.put("topic.creation.default.message.timestamp.type", "LogAppendTime");
        deploy(config, 1);

        try (TopicRecords records = reader()) {
            awaitTaskRecords(records, 8_000);
            await("push connected").atMost(Duration.ofSeconds(30)).until(() -> push.broker(GROUP).clientCount() == 1);
            long from = System.currentTimeMillis();
            long until = from + 25_000;
            // Every change of the window is waited for a few seconds past its end: one that is still missing
            // then counts with the time it has waited, so slow changes cannot drop out of the measurement.
            await("the window and a grace period").pollDelay(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(31))
                    .until(() -> true);
            long now = System.currentTimeMillis();
            ChangeLags lags = changes.lags(from, until, records.catchUp().all(taskTopic), now);

            System.out.printf("PushIT lag p50=%d ms p99=%d ms max=%d ms n=%d (coalesced %d, missing %s)%n",
                    lags.percentile(0.50), lags.percentile(0.99), lags.percentile(1.0), lags.count(),
                    lags.coalesced(), lags.missing());
            assertTrue(lags.count() >= 50, "changes measured: " + lags.count());
            assertTrue(lags.percentile(0.99) <= 2_000, "lag p99 " + lags.percentile(0.99) + " ms");
        }
    }

    @Test
    void lostMessagesAndABrokerOutageStillConvergeExactlyOnce() {
        startSimulator("pushLossOutage", OtaApiSimulator.builder().seed(32));
        push = PushFixture.start(simulator, Set.of(GROUP), PushKnobs.faithful(32).loss(0.2));
        List<String> jobs = List.of(
                job(JobSpec.upgrade().taskCount(2_000).changeRate(0.01).failureProbability(0.1).retry(1, 0)),
                job(JobSpec.upgrade().taskCount(500).changeRate(0.03).sameSecondProbability(0.3)));
        Map<String, String> config = pushConfig(jobs, GROUP, 5_000, 20_000);
        config.put("exactly.once.support", "required");
        config.put("ota.push.read.linger.ms", "100");
        config.put("ota.push.reconnect.backoff.max.ms", "2000");
        // A job with a retry policy counts as finished one retry interval plus the look-back window after its
        // last failure: a short window keeps the wait for the final snapshot short.
        config.put("ota.lookback.ms", "5000");
        deploy(config, 1);

        try (TopicRecords committed = reader()) {
            awaitTaskRecords(committed, 2_500);
            await("push connected").atMost(Duration.ofSeconds(30)).until(() -> push.broker(GROUP).clientCount() == 1);
            await("changes pushed with loss").pollDelay(Duration.ofSeconds(5)).until(() -> true);

            CompletableFuture<Void> back = push.outage(Duration.ofSeconds(30));
            await("the endpoint is back").atMost(Duration.ofSeconds(45)).until(back::isDone);
            await("push connected again").atMost(Duration.ofSeconds(30))
                    .until(() -> push.broker(GROUP).clientCount() == 1);
            await("changes pushed after the outage").pollDelay(Duration.ofSeconds(3)).until(() -> true);

            simulator.scenario().finishAll();
            awaitConvergence(committed, jobs, true);
            System.out.println("PushIT loss+outage: " + push.stats() + ", task records "
                    + committed.all(taskTopic).size());
            assertEquals(List.of(), Convergence.duplicates(committed, taskTopic));
            assertTrue(isRunning(runtime.rest().status(name), 1), "still running");
        }
    }

    @Test
    void aConsumerGroupTheVendorDoesNotKnowIsLoggedAndPollingCarriesOn() {
        startSimulator("pushUnknownGroup", OtaApiSimulator.builder().seed(33));
        push = PushFixture.start(simulator, Set.of(GROUP), PushKnobs.faithful(33));
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(300).changeRate(0.1)));
        String unknownGroup = "group-nobody-made";
        try (LogCapture logs = LogCapture.start(Level.INFO, Level.WARN, List.of(), "io.github.otaconnect");
             TopicRecords records = reader()) {
            deploy(pushConfig(jobs, unknownGroup, 1_000, 20_000), 1);

            await("the refusal logged").atMost(Duration.ofSeconds(30)).until(() -> logs.lines().stream()
                    .anyMatch(line -> line.level() == Level.ERROR && line.text().contains(unknownGroup)));
            assertNotNull(push.broker(GROUP).lastRefusal(), "the endpoint refused a login");
            assertEquals(0, push.broker(GROUP).clientCount());

            simulator.scenario().finishAll();
            awaitConvergence(records, jobs, true);
            assertTrue(isRunning(runtime.rest().status(name), 1), "connector and task still running");
        }
    }

    private Map<String, String> pushConfig(List<String> jobs, String group, long pollMs, long pushPollMs) {
        Map<String, String> config = connectorConfig(jobs, 1);
        config.put("poll.interval.ms", Long.toString(pollMs));
        config.put("ota.push.enabled", "true");
        config.put("ota.push.endpoint", push.endpoint(GROUP));
        config.put("ota.push.consumer.groups", group);
        config.put("ota.push.poll.interval.ms", Long.toString(pushPollMs));
        config.put("ota.push.ssl.truststore.location", push.trustStorePath().toString());
        config.put("ota.push.ssl.truststore.password", push.trustStorePassword());
        return config;
    }

    /**
     * When each task state became visible: the simulator applies a change (and the fixture publishes it) at
     * most one fixture tick after its due time, which is more precise than UtcModified's whole seconds.
     */
    private static final class ChangeTimes implements ScenarioListener {

        private record Change(String task, String state, long at) {
        }

        private final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();

        @Override
        public void taskChanged(TaskState task) {
            changes.add(new Change(task.jobId() + "/" + task.taskId(), Convergence.state(task),
                    System.currentTimeMillis()));
        }

        /**
         * Lags of the changes made in [from, until): record timestamp minus change time for those in Kafka;
         * a change overtaken by a later one of its task may never be written (its re-read saw the later state);
         * one neither written nor overtaken counts as waiting until {@code now}.
         */
        ChangeLags lags(long from, long until, List<TopicRecords.Entry> records, long now) {
            Map<String, Long> written = new HashMap<>();
            Map<String, List<String>> writtenStates = new HashMap<>();
            for (TopicRecords.Entry entry : records) {
                writtenStates.computeIfAbsent(entry.text("job_id") + "/" + entry.text("task_id"), k -> new ArrayList<>())
                        .add(Convergence.state(entry));
                written.putIfAbsent(entry.text("job_id") + "/" + entry.text("task_id") + "@" + Convergence.state(entry),
                        entry.timestamp());
            }
            // Listener order is the order changes were applied; two changes of a task may share a millisecond.
            List<Change> all = List.copyOf(changes);
            Map<String, Integer> lastChange = new HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                lastChange.put(all.get(i).task(), i);
            }
            List<Long> lags = new ArrayList<>();
            int coalesced = 0;
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Change change = all.get(i);
                if (change.at() < from || change.at() >= until) {
                    continue;
                }
                Long timestamp = written.get(change.task() + "@" + change.state());
                if (timestamp != null) {
                    lags.add(timestamp - change.at());
                } else if (lastChange.get(change.task()) > i) {
                    coalesced++;
                } else {
                    missing.add(change.task() + "@" + change.state() + " changed at " + change.at() + ", written "
                            + writtenStates.get(change.task()));
                    lags.add(now - change.at());
                }
            }
            Collections.sort(lags);
            return new ChangeLags(lags, coalesced, missing);
        }
    }

    private record ChangeLags(List<Long> sorted, int coalesced, List<String> missing) {

        int count() {
            return sorted.size();
        }

        long percentile(double p) {
            if (sorted.isEmpty()) {
                return Long.MAX_VALUE;
            }
            int index = (int) Math.ceil(p * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
        }
    }
}
