package io.github.otaconnect.simulator.push;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.SimJobState;
import io.github.otaconnect.simulator.ManualClock;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.simulator.TaskStatus;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PushFixtureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock();
    private final OtaApiSimulator simulator = OtaApiSimulator.builder().clock(clock).seed(3)
            .job(JobSpec.upgrade().jobId("job-push").taskCount(20).changeRate(0.2).build()).build();
    private PushFixture fixture;
    private Connection connection;

    @AfterEach
    void tearDown() throws JMSException {
        if (connection != null) {
            connection.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private record Received(String topic, String messageId, long generateTime, JsonNode body) {
    }

    private List<Received> consume(String group) throws JMSException {
        VendorAmqpLogin login = VendorAmqpLogin.of("it-client", OtaApiSimulator.DEFAULT_ACCESS_KEY_ID,
                OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET, group);
        long ts = clock.millis();
        connection = new JmsConnectionFactory(fixture.qpidFailoverUri(group))
                .createConnection(login.userName(ts), login.password(ts));
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        List<Received> received = new CopyOnWriteArrayList<>();
        session.createConsumer(session.createQueue(EmbeddedAmqpBroker.ADDRESS))
                .setMessageListener(m -> received.add(read(m)));
        connection.start();
        return received;
    }

    private static Received read(Message m) {
        try {
            byte[] body = ((BytesMessage) m).getBody(byte[].class);
            return new Received(m.getStringProperty("topic"), m.getStringProperty("messageId"),
                    m.getLongProperty("generateTime"), JSON.readTree(body));
        } catch (JMSException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyTaskChangeAndTheJobsEndArriveAsTheVendorsOtaMessages() throws Exception {
        fixture = PushFixture.start(simulator, Set.of("g1"), PushKnobs.faithful(1));
        List<Received> received = consume("g1");

        simulator.scenario().cancelJob("job-push");
        SimJobState job = simulator.scenario().job("job-push");
        List<TaskState> canceled = simulator.scenario().truth("job-push").tasks().stream()
                .filter(t -> t.taskStatus().equals("CANCELED")).toList();
        int expected = canceled.size() + 1;
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == expected);

        String jobTopic = OtaPushMessages.jobStatusTopic(job.productKey(), job.firmwareId(), "job-push");
        Received last = received.get(received.size() - 1);
        assertEquals(jobTopic, last.topic());
        assertEquals("CANCELED", last.body().get("jobStatus").asText());
        assertEquals(clock.millis(), last.generateTime());
        Map<String, Received> byTopic = received.stream()
                .collect(Collectors.toMap(Received::topic, r -> r, (a, b) -> b));
        for (TaskState task : canceled) {
            Received r = byTopic.get(OtaPushMessages.upgradeTopic(task.productKey(), task.deviceName()));
            assertEquals("CANCELED", r.body().get("status").asText(), task.deviceName());
            assertEquals(task.taskId(), r.body().get("taskId").asText());
        }
        assertEquals(expected, received.stream().map(Received::messageId).distinct().count());
    }

    @Test
    void changesFallingDueOnTheClockArePublishedWithoutAnyoneReadingTheScenario() throws Exception {
        fixture = PushFixture.start(simulator, Set.of("g1"), PushKnobs.faithful(1));
        List<Received> received = consume("g1");
        clock.advanceSeconds(30);
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        assertTrue(received.stream().allMatch(r -> r.topic().endsWith("/ota/upgrade")));
    }

    @Test
    void eachGroupGetsEveryMessage() throws Exception {
        fixture = PushFixture.start(simulator, Set.of("g1", "g2"), PushKnobs.faithful(1));
        simulator.scenario().changeTask("job-push", 0, TaskStatus.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.stats().published() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.broker("g1").queuedMessages() == 1
                && fixture.broker("g2").queuedMessages() == 1);
    }

    @Test
    void aClientThatAttachesNoReceiverWithinTheConfiguredDeadlineIsDisconnected() throws Exception {
        fixture = PushFixture.builder(simulator).consumerGroups(Set.of("g1")).receiverDeadline(Duration.ofSeconds(1))
                .start();
        VendorAmqpLogin login = VendorAmqpLogin.of("idle-client", OtaApiSimulator.DEFAULT_ACCESS_KEY_ID,
                OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET, "g1");
        long ts = clock.millis();
        connection = new JmsConnectionFactory(fixture.qpidUri("g1")).createConnection(login.userName(ts), login.password(ts));
        AtomicReference<JMSException> lost = new AtomicReference<>();
        connection.setExceptionListener(lost::set);
        connection.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> lost.get() != null);
        assertTrue(fixture.broker("g1").lastRefusal().contains("no receiver link"), fixture.broker("g1").lastRefusal());
    }

    @Test
    void messagesGeneratedDuringAnOutageAreLostAndTheClientComesBackAfterIt() throws Exception {
        fixture = PushFixture.start(simulator, Set.of("g1"), PushKnobs.faithful(1));
        List<Received> received = consume("g1");
        var restarted = fixture.outage(Duration.ofMillis(300));
        simulator.scenario().changeTask("job-push", 0, TaskStatus.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.stats().missedOutage() == 1);
        restarted.get();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.broker("g1").clientCount() == 1);

        simulator.scenario().changeTask("job-push", 1, TaskStatus.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        String device1 = simulator.scenario().task("job-push", 1).deviceName();
        assertTrue(received.get(0).topic().contains("/" + device1 + "/"));
    }
}
