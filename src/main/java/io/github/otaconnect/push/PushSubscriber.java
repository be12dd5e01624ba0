package io.github.otaconnect.push;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.qpid.jms.JmsConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.BackoffPolicy;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Keeps one AMQP connection to the vendor's server-side subscription open for as long as the task runs, and
 * passes the OTA messages of this task's jobs to its {@link PushInbox}. It never stops the task: a refused
 * login, an outage or a malformed message is logged and counted, the connection is retried with backoff,
 * and polling carries on meanwhile (at the normal interval while this reports the connection down).
 *
 * <p>Messages are acknowledged one by one (Qpid JMS's individual acknowledge mode), by whoever handles them:
 * at once for what the task does not act on, after delivery for what triggers a re-read.
 */
public final class PushSubscriber implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PushSubscriber.class);
    /** Qpid JMS's individual acknowledge mode: acknowledge() acknowledges that message only. */
    static final int INDIVIDUAL_ACKNOWLEDGE = 101;
    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    private static final int RECENT_IDS = 10_000;
    private static final int MALFORMED_WARNINGS = 20;

    private final PushSettings settings;
    private final Predicate<String> followsJob;
    private final PushInbox inbox;
    private final PushListener listener;
    private final Clock clock;
    private final PushMessageParser parser = new PushMessageParser();
    private final BackoffPolicy backoff;
    private final Map<String, Boolean> recentIds = new LinkedHashMap<>(RECENT_IDS, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_IDS;
        }
    };
    private volatile boolean stopped;
    private volatile boolean connected;
    private volatile Connection connection;
    private int malformedWarnings;

    public PushSubscriber(PushSettings settings, Predicate<String> followsJob, PushInbox inbox, PushListener listener,
                          Clock clock) {
        this.settings = settings;
        this.followsJob = followsJob;
        this.inbox = inbox;
        this.listener = listener;
        this.clock = clock;
        this.backoff = BackoffPolicy.jittered(INITIAL_BACKOFF, settings.reconnectBackoffMax());
    }

    /** Whether the receiver link is up: pushed changes arrive now. */
    public boolean connected() {
        return connected;
    }

    /** Closes the connection; messages not yet acknowledged are redelivered to the group's next client. */
    public void stop() {
        stopped = true;
        closeQuietly(connection);
    }

    @Override
    public void run() {
        int failures = 0;
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            CompletableFuture<JMSException> lost = new CompletableFuture<>();
            try {
                connection = open(lost);
                if (failures > 0) {
                    log.info("Push: connected again to {} as consumer group {} after {} failed attempts",
                            settings.endpoint(), settings.consumerGroupId(), failures);
                } else {
                    log.info("Push: connected to {} as consumer group {} (client {})", settings.endpoint(),
                            settings.consumerGroupId(), settings.clientId());
                }
                failures = 0;
                connected = true;
                listener.connected();
                JMSException cause = lost.get();
                if (!stopped) {
                    log.warn("Push: the connection to {} was lost ({}); polling runs at its normal interval until it "
                            + "is back", settings.endpoint(), describe(cause));
                }
            } catch (JMSSecurityException e) {
                failures++;
                log.error("Push: {} refused the login of consumer group {} with AccessKey ID {} ({}). Check {}: the "
                                + "consumer group must exist in this instance, the AccessKey needs the iot:sub "
                                + "permission, and the clock must be right. Polling carries on; retrying with backoff.",
                        settings.endpoint(), settings.consumerGroupId(), settings.credentials().accessKeyId(),
                        describe(e), "ota.push.consumer.groups and the credentials");
            } catch (JMSException e) {
                failures++;
                log.warn("Push: cannot connect to {} ({}); polling carries on; attempt {} failed, retrying with "
                        + "backoff", settings.endpoint(), describe(e), failures);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                failures++;
                log.warn("Push: the connection failed: {}", e.getCause().toString());
            } finally {
                boolean wasConnected = connected;
                connected = false;
                closeQuietly(connection);
                connection = null;
                if (wasConnected) {
                    listener.disconnected();
                }
            }
            if (!stopped && failures > 0 && !sleep(backoff.delay(failures, false))) {
                return;
            }
        }
    }

    private Connection open(CompletableFuture<JMSException> lost) throws JMSException {
        AmqpLogin login = AmqpLogin.sign(settings.credentials(), settings.clientId(), settings.consumerGroupId(),
                settings.iotInstanceId(), clock.instant());
        JmsConnectionFactory factory = new JmsConnectionFactory(login.userName(), login.password(), remoteUri());
        if (settings.sslContext() != null) {
            factory.setSslContext(settings.sslContext());
        }
        Connection opened = factory.createConnection();
        try {
            opened.setExceptionListener(lost::complete);
            Session session = opened.createSession(false, INDIVIDUAL_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(settings.address()));
            consumer.setMessageListener(this::onMessage);
            opened.start();
            return opened;
        } catch (JMSException | RuntimeException e) {
            closeQuietly(opened);
            throw e;
        }
    }

    private String remoteUri() {
        URI endpoint = settings.endpoint();
        return endpoint.getScheme() + "://" + endpoint.getHost() + ":" + endpoint.getPort()
                + "?amqp.idleTimeout=" + settings.idleTimeout().toMillis() + "&amqp.saslMechanisms=PLAIN";
    }

    private void onMessage(Message message) {
        long receivedNanos = System.nanoTime();
        String messageId = null;
        try {
            messageId = message.getStringProperty("messageId");
            Optional<PushMessage> parsed = parser.parse(message.getStringProperty("topic"), messageId,
                    longProperty(message, "generateTime"), body(message));
            if (parsed.isEmpty()) {
                listener.received(PushListener.MessageKind.OTHER);
                message.acknowledge();
                return;
            }
            PushMessage pushed = parsed.get();
            listener.received(pushed instanceof PushMessage.JobStatus ? PushListener.MessageKind.JOB_STATUS
                    : PushListener.MessageKind.DEVICE_STATUS);
            if (pushed.jobId() != null && !followsJob.test(pushed.jobId())) {
                listener.notOurs();
                message.acknowledge();
                return;
            }
            if (messageId != null && seenBefore(messageId)) {
                listener.duplicate();
                message.acknowledge();
                return;
            }
            inbox.add(new PushDelivery(pushed, message::acknowledge, receivedNanos));
        } catch (MalformedPushMessageException e) {
            listener.received(PushListener.MessageKind.MALFORMED);
            warnMalformed(e.getMessage(), e.messageId());
            acknowledgeQuietly(message);
        } catch (JMSException | RuntimeException e) {
            listener.received(PushListener.MessageKind.MALFORMED);
            warnMalformed("unreadable message (" + e + ")", messageId);
            acknowledgeQuietly(message);
        }
    }

    private synchronized boolean seenBefore(String messageId) {
        return recentIds.put(messageId, Boolean.TRUE) != null;
    }

    private synchronized void warnMalformed(String reason, String messageId) {
        if (malformedWarnings++ < MALFORMED_WARNINGS) {
            log.warn("Push: ignored message {}: {}. Polling will find the change it was about.", messageId, reason);
        } else {
            log.debug("Push: ignored message {}: {}", messageId, reason);
        }
    }

    private static byte[] body(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) Math.min(bytes.getBodyLength(), PushMessageParser.MAX_BODY_BYTES + 1L)];
            bytes.readBytes(body);
            return body;
        }
        if (message instanceof TextMessage text) {
            String body = text.getText();
            return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        }
        return message.getBody(byte[].class);
    }

    private static Long longProperty(Message message, String name) throws JMSException {
        Object value = message.getObjectProperty(name);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(Exception e) {
        if (e == null) {
            return "closed";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void acknowledgeQuietly(Message message) {
        try {
            message.acknowledge();
        } catch (JMSException e) {
            log.debug("Push: could not acknowledge an ignored message: {}", e.toString());
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            log.debug("Push: closing the connection failed: {}", e.toString());
        }
    }
}
