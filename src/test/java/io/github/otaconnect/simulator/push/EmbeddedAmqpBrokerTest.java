package io.github.otaconnect.simulator.push;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedAmqpBrokerTest {

    private static final String GROUP = "group-1";
    private static final VendorAmqpLogin LOGIN = VendorAmqpLogin.of("client-a", "ak-1", "secret-1", GROUP);

    private final SelfSignedTls tls = SelfSignedTls.shared();
    private final List<Connection> connections = new ArrayList<>();
    private EmbeddedAmqpBroker broker;

    @BeforeEach
    void startBroker() {
        AksignVerifier verifier = new AksignVerifier(
                id -> "ak-1".equals(id) ? Optional.of("secret-1") : Optional.empty(),
                Set.of(GROUP, "group-2"), null, Clock.systemUTC(), Duration.ofMinutes(15));
        broker = new EmbeddedAmqpBroker(GROUP, verifier, 2, Duration.ofSeconds(15), tls).start();
    }

    @AfterEach
    void stopAll() {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (JMSException ignored) {
                // already gone with the broker
            }
        }
        broker.close();
    }

    private String uri() {
        return "amqps://" + broker.host() + ":" + broker.port() + "?" + tls.qpidTrustOptions()
                + "&amqp.idleTimeout=80000";
    }

    private String failoverUri() {
        return "failover:(" + uri() + ")?failover.initialReconnectDelay=50&failover.reconnectDelay=100"
                + "&failover.maxReconnectDelay=200&failover.useReconnectBackOff=false";
    }

    private Connection connect(String uri, VendorAmqpLogin login, long timestamp) throws JMSException {
        Connection connection = new JmsConnectionFactory(uri)
                .createConnection(login.userName(timestamp), login.password(timestamp));
        connections.add(connection);
        connection.start();
        return connection;
    }

    private static MessageConsumer consumer(Connection connection) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        return session.createConsumer(session.createQueue(EmbeddedAmqpBroker.ADDRESS));
    }

    @Test
    void aCorrectlySignedClientReceivesAPublishedMessageWithItsProperties() throws Exception {
        MessageConsumer consumer = consumer(connect(uri(), LOGIN, System.currentTimeMillis()));
        assertTrue(broker.publish("{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                Map.of("topic", "/pk/dev/ota/upgrade", "messageId", "123", "generateTime", 1700000000000L)));

        Message message = consumer.receive(10_000);
        assertNotNull(message);
        BytesMessage bytes = assertInstanceOf(BytesMessage.class, message);
        assertEquals("{\"a\":1}", new String(bytes.getBody(byte[].class), StandardCharsets.UTF_8));
        assertEquals("/pk/dev/ota/upgrade", message.getStringProperty("topic"));
        assertEquals("123", message.getStringProperty("messageId"));
        assertEquals(1700000000000L, message.getLongProperty("generateTime"));
        assertEquals(1, broker.clientCount());
    }

    @Test
    void everySignMethodTheVendorNamesIsAccepted() throws Exception {
        for (String method : List.of("hmacmd5", "hmacsha1", "hmacsha256")) {
            Connection connection = connect(uri(), LOGIN.withSignMethod(method), System.currentTimeMillis());
            connection.close();
        }
    }

    @Test
    void wrongPasswordUnknownKeyStaleTimestampAndUnknownGroupAreRefused() {
        long now = System.currentTimeMillis();
        assertRefused(LOGIN.withSecret("not-the-secret"), now, "password");
        assertRefused(new VendorAmqpLogin("c", "ak-unknown", "secret-1", GROUP, null, "hmacsha1"), now, "unknown AccessKey");
        assertRefused(LOGIN, now - Duration.ofMinutes(16).toMillis(), "timestamp");
        assertRefused(LOGIN.withGroup("group-unknown"), now, "unknown consumerGroupId");
        assertRefused(LOGIN.withGroup("group-2"), now, "serves consumer group " + GROUP);
        assertRefused(LOGIN.withIotInstanceId("iot-cn-x"), now, "iotInstanceId");
        assertEquals(0, broker.clientCount());
    }

    private void assertRefused(VendorAmqpLogin login, long timestamp, String reasonPart) {
        assertThrows(JMSSecurityException.class, () -> connect(uri(), login, timestamp));
        assertTrue(broker.lastRefusal().contains(reasonPart), broker.lastRefusal());
    }

    @Test
    void aClientCannotSendAndCannotConsumeAnotherAddress() throws Exception {
        Connection connection = connect(uri(), LOGIN, System.currentTimeMillis());
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(JMSException.class, () -> session.createProducer(session.createQueue(EmbeddedAmqpBroker.ADDRESS)));
        assertThrows(JMSException.class, () -> session.createConsumer(session.createQueue("other")));
    }

    @Test
    void theClientLimitOfAGroupRefusesOneMoreAndFreesASlotWhenAClientLeaves() throws Exception {
        long now = System.currentTimeMillis();
        connect(uri(), LOGIN, now);
        Connection second = connect(uri(), LOGIN, now);
        assertThrows(JMSSecurityException.class, () -> connect(uri(), LOGIN, now));
        second.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.clientCount() == 1);
        connect(uri(), LOGIN, now);
        assertEquals(2, broker.clientCount());
    }

    @Test
    void aFailoverClientComesBackAfterARestartOnTheSamePort() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        Connection connection = connect(failoverUri(), LOGIN, System.currentTimeMillis());
        consumer(connection).setMessageListener(m -> received.add(property(m, "messageId")));
        int port = broker.port();

        broker.stop();
        assertEquals(0, broker.clientCount());
        assertFalse(broker.publish(new byte[0], Map.of("messageId", "lost")));
        broker.start();
        assertEquals(port, broker.port());
        await().atMost(Duration.ofSeconds(20)).until(() -> broker.clientCount() == 1);
        broker.publish(new byte[0], Map.of("messageId", "after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("after"));
        assertFalse(received.contains("lost"));
    }

    @Test
    void killedConnectionsReconnectAndUnacknowledgedMessagesWait() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        broker.publish(new byte[0], Map.of("messageId", "queued-before"));
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.queuedMessages() == 1);
        Connection connection = connect(failoverUri(), LOGIN, System.currentTimeMillis());
        consumer(connection).setMessageListener(m -> received.add(property(m, "messageId")));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("queued-before"));

        broker.killConnections();
        await().atMost(Duration.ofSeconds(20)).until(() -> broker.clientCount() == 1);
        broker.publish(new byte[0], Map.of("messageId", "after-kill"));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("after-kill"));
    }

    private static String property(Message m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
