package io.github.otaconnect.simulator.push;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vendor's connection rules that {@link AmqpConnectionRules} adds to the test broker, seen by qpid-jms. */
class AmqpConnectionRulesTest {

    private static final String GROUP = "group-1";
    private static final VendorAmqpLogin LOGIN = VendorAmqpLogin.of("client-a", "ak-1", "secret-1", GROUP);
    private static final Duration VENDOR_DEADLINE = Duration.ofSeconds(15);

    private final SelfSignedTls tls = SelfSignedTls.shared();
    private final List<Connection> connections = new ArrayList<>();
    private EmbeddedAmqpBroker broker;

    private EmbeddedAmqpBroker start(Duration receiverDeadline) {
        AksignVerifier verifier = new AksignVerifier(
                id -> "ak-1".equals(id) ? Optional.of("secret-1") : Optional.empty(),
                Set.of(GROUP), null, Clock.systemUTC(), Duration.ofMinutes(15));
        broker = new EmbeddedAmqpBroker(GROUP, verifier, 4, receiverDeadline, tls).start();
        return broker;
    }

    @AfterEach
    void stopAll() {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (JMSException ignored) {
                // closed by the broker already
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** @param idleTimeoutMs qpid-jms's amqp.idleTimeout; its Open frame carries half of it (proton-j halves it) */
    private Connection connect(long idleTimeoutMs) throws JMSException {
        String uri = "amqps://" + broker.host() + ":" + broker.port() + "?" + tls.qpidTrustOptions()
                + "&amqp.idleTimeout=" + idleTimeoutMs;
        long now = System.currentTimeMillis();
        Connection connection = new JmsConnectionFactory(uri).createConnection(LOGIN.userName(now), LOGIN.password(now));
        connections.add(connection);
        connection.start();
        return connection;
    }

    private static MessageConsumer consumer(Connection connection) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        return session.createConsumer(session.createQueue(EmbeddedAmqpBroker.ADDRESS));
    }

    private void assertReceives(MessageConsumer consumer, String messageId) throws JMSException {
        assertTrue(broker.publish(new byte[0], Map.of("messageId", messageId)));
        Message message = consumer.receive(10_000);
        assertNotNull(message, "nothing received");
        assertEquals(messageId, message.getStringProperty("messageId"));
    }

    @ParameterizedTest(name = "amqp.idleTimeout={0}")
    @ValueSource(longs = {0, 10_000, 40_000, 700_000})
    void anOpenWithoutAnIdleTimeOutOfThirtyToThreeHundredSecondsIsRefused(long idleTimeoutMs) {
        start(VENDOR_DEADLINE);
        JMSException refused = assertThrows(JMSException.class, () -> consumer(connect(idleTimeoutMs)));
        assertTrue(broker.lastRefusal().contains("idle-time-out"), broker.lastRefusal());
        assertTrue(String.valueOf(refused.getMessage()).contains("idle-time-out"), refused.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.clientCount() == 0);
    }

    @ParameterizedTest(name = "amqp.idleTimeout={0}")
    @ValueSource(longs = {60_000, 80_000, 600_000})
    void anOpenWithAnIdleTimeOutInRangeIsAccepted(long idleTimeoutMs) throws Exception {
        start(VENDOR_DEADLINE);
        assertReceives(consumer(connect(idleTimeoutMs)), "in-range");
        assertNull(broker.lastRefusal());
    }

    @Test
    void aConnectionWithoutAReceiverLinkIsClosedAfterTheDeadlineAndOneWithAReceiverStays() throws Exception {
        start(Duration.ofSeconds(1));
        MessageConsumer receiving = consumer(connect(60_000));
        Connection idle = connect(60_000);
        AtomicReference<JMSException> lost = new AtomicReference<>();
        idle.setExceptionListener(lost::set);

        await().atMost(Duration.ofSeconds(10)).until(() -> lost.get() != null);
        assertTrue(broker.lastRefusal().contains("no receiver link"), broker.lastRefusal());
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.clientCount() == 1);
        assertReceives(receiving, "still-connected");
    }

    @Test
    void aSecondReceiverLinkOnTheSameConnectionIsRefusedAndTheFirstKeepsReceiving() throws Exception {
        start(VENDOR_DEADLINE);
        Connection connection = connect(60_000);
        MessageConsumer first = consumer(connection);

        assertThrows(JMSException.class, () -> consumer(connection));
        assertTrue(broker.lastRefusal().contains("one receiver link"), broker.lastRefusal());
        assertReceives(first, "first-only");
    }

    @Test
    void aConnectionGetsOneReceiverLinkInItsLifeEvenAfterClosingIt() throws Exception {
        start(VENDOR_DEADLINE);
        Connection connection = connect(60_000);
        consumer(connection).close();

        assertThrows(JMSException.class, () -> consumer(connection));
        assertTrue(broker.lastRefusal().contains("one receiver link"), broker.lastRefusal());
    }

    @Test
    void senderLinksAreRefusedEvenToTheAnonymousRelay() throws Exception {
        start(VENDOR_DEADLINE);
        Session session = connect(60_000).createSession(false, Session.AUTO_ACKNOWLEDGE);

        assertThrows(JMSException.class, () -> session.createProducer(null));
        assertTrue(broker.lastRefusal().contains("sender links"), broker.lastRefusal());
    }

    @Test
    void aTransactedSessionIsRefusedBecauseItsCoordinatorIsASenderLink() throws Exception {
        start(VENDOR_DEADLINE);
        Connection connection = connect(60_000);

        assertThrows(JMSException.class, () -> connection.createSession(true, Session.SESSION_TRANSACTED));
        assertTrue(broker.lastRefusal().contains("sender links"), broker.lastRefusal());
    }
}
