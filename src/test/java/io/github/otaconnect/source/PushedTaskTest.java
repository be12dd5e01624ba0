package io.github.otaconnect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.SimClock;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.simulator.TaskStatus;
import io.github.otaconnect.simulator.push.PushFixture;
import io.github.otaconnect.simulator.push.PushKnobs;
import io.github.otaconnect.push.PushSettings;

/**
 * The task with push on, against the simulator and a real AMQP broker that checks the vendor's login: with
 * polling ten minutes apart, a change can only arrive this fast because it was pushed; a message is
 * acknowledged once the worker reports its record delivered; a refused login leaves polling in charge.
 */
class PushedTaskTest {

    private static final String JOB = "job-pushed";
    private static final String GROUP = "group-0";
    private static final Duration PUSHED_ARRIVAL = Duration.ofSeconds(10);

    private final OtaApiSimulator simulator = OtaApiSimulator.builder().clock(SimClock.system()).seed(11).qpsPerAction(0)
            .job(JobSpec.upgrade().jobId(JOB).taskCount(30).changeRate(0).build()).build().start();
    private final PushFixture push = PushFixture.start(simulator, Set.of(GROUP), PushKnobs.faithful(5));
    private final OtaSourceTask task = new OtaSourceTask();

    @AfterEach
    void close() {
        task.stop();
        push.close();
        simulator.close();
    }

    private Map<String, String> config(String group, long pollIntervalMs) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "ota-push-test");
        props.put("ota.endpoint.url", simulator.endpoint().toString());
        props.put("ota.access.key.id", OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
        props.put("ota.access.key.secret", OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET);
        props.put("ota.job.ids", JOB);
        props.put("ota.task.job.ids", JOB);
        props.put("ota.task.qps.per.action", "50");
        props.put("ota.task.index", "0");
        props.put("ota.qps.per.action", "50");
        props.put("ota.qps.allow.above.vendor.limit", "true");
        props.put("poll.interval.ms", Long.toString(pollIntervalMs));
        props.put("ota.push.enabled", "true");
        props.put("ota.push.endpoint", push.endpoint(GROUP));
        props.put("ota.push.consumer.groups", group);
        props.put("ota.push.poll.interval.ms", "600000");
        props.put("ota.push.read.linger.ms", "50");
        props.put("ota.push.ssl.truststore.location", push.trustStorePath().toString());
        props.put("ota.push.ssl.truststore.password", push.trustStorePassword());
        return props;
    }

    private void start(Map<String, String> props) {
        task.initialize(new FixedOffsetsContext(props, Map.of()));
        task.start(props);
    }

    /** Polls, reporting each record delivered as a worker would, until {@code done} holds for what arrived. */
    private List<SourceRecord> pollUntil(Duration atMost, java.util.function.Predicate<List<SourceRecord>> done) {
        List<SourceRecord> received = new ArrayList<>();
        await().atMost(atMost).until(() -> {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                received.addAll(batch);
                batch.forEach(record -> task.commitRecord(record, null));
            }
            return done.test(received);
        });
        return received;
    }

    private static boolean hasState(List<SourceRecord> records, String taskId, String status) {
        return records.stream().filter(r -> r.value() instanceof Struct)
                .map(r -> (Struct) r.value())
                .filter(v -> v.schema().field("task_id") != null)
                .anyMatch(v -> taskId.equals(v.getString("task_id")) && status.equals(v.getString("task_status")));
    }

    private static long taskRecords(List<SourceRecord> records) {
        return records.stream().filter(r -> ((Struct) r.value()).schema().field("task_id") != null).count();
    }

    @Test
    void aPushedChangeArrivesLongBeforeTheNextPollAndItsMessageIsAcknowledgedAfterDelivery() {
        start(config(GROUP, 600_000));
        pollUntil(Duration.ofSeconds(30), records -> taskRecords(records) == 30);
        await().atMost(Duration.ofSeconds(10)).until(() -> push.broker(GROUP).clientCount() == 1);

        TaskState changed = simulator.scenario().changeTask(JOB, 7, TaskStatus.SUCCEEDED);
        List<SourceRecord> after = pollUntil(PUSHED_ARRIVAL, records -> hasState(records, changed.taskId(), "SUCCEEDED"));

        assertEquals(1, taskRecords(after), "only the pushed device's task is re-read and emitted");
        await().atMost(Duration.ofSeconds(10)).until(() -> push.broker(GROUP).queuedMessages() == 0);
    }

    @Test
    void aRefusedAmqpLoginLeavesPollingInCharge() {
        start(config("not-a-group", 500));
        pollUntil(Duration.ofSeconds(30), records -> taskRecords(records) == 30);

        TaskState changed = simulator.scenario().changeTask(JOB, 3, TaskStatus.FAILED);
        pollUntil(Duration.ofSeconds(30), records -> hasState(records, changed.taskId(), "FAILED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> push.broker(GROUP).lastRefusal() != null);
        assertEquals(0, push.broker(GROUP).clientCount());
    }

    /** The broker, like the vendor, refuses an open frame whose idle time-out is outside 30 to 300 s. */
    @ParameterizedTest
    @ValueSource(strings = {"", "min", "max"})
    void everyIdleTimeOutTheConfigurationAllowsIsAcceptedByTheBroker(String which) {
        Map<String, String> props = config(GROUP, 600_000);
        switch (which) {
            case "min" -> props.put("ota.push.idle.timeout.ms", Long.toString(PushSettings.MIN_IDLE_TIMEOUT.toMillis()));
            case "max" -> props.put("ota.push.idle.timeout.ms", Long.toString(PushSettings.MAX_IDLE_TIMEOUT.toMillis()));
            default -> { }
        }
        start(props);

        await().atMost(Duration.ofSeconds(10)).until(() -> push.broker(GROUP).clientCount() == 1);
        assertNull(push.broker(GROUP).lastRefusal());
    }
}
