package io.github.otaconnect.simulator.push;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
  * The vendor's AMQP endpoint for one consumer group: an embedded Artemis broker with a single AMQP
  * acceptor (TLS, SASL PLAIN) on a free loopback port, no persistence, and one anycast queue named
  * {@value #ADDRESS} that the group's clients share, as the vendor's Java demo attaches to. The port stays
  * the same across {@link #stop()} and {@link #start()}, so a client with failover comes back.
  *
  * <p>Logins and the client limit are checked by {@link AksignSecurityManager}; the Open frame's
  * idle-time-out, the receiver-link deadline and the one-receiver, no-sender link rules by
  * {@link AmqpConnectionRules}. Every refusal is logged and kept for {@link #lastRefusal()}.
  */
public final class EmbeddedAmqpBroker implements AutoCloseable {

    /** The address and queue the vendor's Java demo consumes from; the group comes from the user name. */
    public static final String ADDRESS = "default";
    public static final String HOST = "127.0.0.1";

    private final String consumerGroupId;
    private final RefusalLog refusals;
    private final AksignSecurityManager security;
    private final Duration receiverDeadline;
    private final SelfSignedTls tls;
    private final Path dataDir;
    private final int port;
    private ActiveMQServer server;

    /**
      * @param maxClients how many clients of the group may be connected at once
      * @param receiverDeadline how long after its Open a connection may go without attaching a receiver link
      */
    EmbeddedAmqpBroker(String consumerGroupId, AksignVerifier verifier, int maxClients, Duration receiverDeadline,
            SelfSignedTls tls) {
        if (receiverDeadline.isNegative() || receiverDeadline.isZero()) {
            throw new IllegalArgumentException("the receiver deadline must be positive, not " + receiverDeadline);
        }
        this.consumerGroupId = consumerGroupId;
        this.refusals = new RefusalLog(consumerGroupId);
        this.security = new AksignSecurityManager(verifier, consumerGroupId, maxClients, refusals);
        this.receiverDeadline = receiverDeadline;
        this.tls = tls;
        this.port = freePort();
        try {
            this.dataDir = Files.createTempDirectory("push-broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String consumerGroupId() {
        return consumerGroupId;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public synchronized EmbeddedAmqpBroker start() {
        if (isRunning()) {
            return this;
        }
        ActiveMQServer fresh = new ActiveMQServerImpl(configuration(), security);
        try {
            fresh.start();
        } catch (Exception e) {
            throw new IllegalStateException("the AMQP broker for group " + consumerGroupId + " did not start", e);
        }
        server = fresh;
        return this;
    }

    /** Stops the broker: clients lose their connections, queued messages are gone (nothing is persisted). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the AMQP broker for group " + consumerGroupId + " did not stop", e);
        } finally {
            server = null;
            security.forgetClients();
        }
    }

    public synchronized boolean isRunning() {
        return server != null && server.isActive();
    }

    /** Drops every client connection at once, as a network fault would; the broker keeps running. */
    public synchronized void killConnections() {
        if (server == null) {
            return;
        }
        security.forgetClients();
        for (RemotingConnection connection : List.copyOf(server.getRemotingService().getConnections())) {
            connection.fail(new ActiveMQException("connection dropped by the test"));
        }
    }

    /** Clients of this group that passed the login and are still connected. */
    public int clientCount() {
        return security.clientCount();
    }

    /** Why the latest refusal (of a login, a connection or a link) happened; null if nothing was refused. */
    public String lastRefusal() {
        return refusals.last();
    }

    /**
      * Messages in the group's queue, delivered but unacknowledged ones included; 0 when stopped. A message
      * just published may take a moment to be counted (the queue adds it on its own thread).
      */
    public synchronized long queuedMessages() {
        if (server == null) {
            return 0;
        }
        Queue queue = server.locateQueue(SimpleString.of(ADDRESS));
        return queue == null ? 0 : queue.getMessageCount();
    }

    /**
      * Puts a message into the group's queue as the vendor forwards one: the body as an AMQP data section
      * (qpid-jms shows it as a BytesMessage), {@code properties} as application properties.
      *
      * @return false, and nothing is kept, when the broker is not running
      */
    public synchronized boolean publish(byte[] body, Map<String, Object> properties) {
        if (!isRunning()) {
            return false;
        }
        CoreMessage message = new CoreMessage(server.getStorageManager().generateID(), body.length + 512);
        message.setAddress(ADDRESS);
        message.setRoutingType(RoutingType.ANYCAST);
        message.setType(Message.BYTES_TYPE);
        message.setDurable(false);
        message.getBodyBuffer().writeBytes(body);
        properties.forEach(message::putObjectProperty);
        try {
            server.getPostOffice().route(message, false);
            return true;
        } catch (Exception e) {
            throw new IllegalStateException("could not route a message to group " + consumerGroupId, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Configuration configuration() {
        Configuration config = new ConfigurationImpl()
                .setName("push-" + consumerGroupId)
                .setPersistenceEnabled(false)
                .setSecurityEnabled(true)
                .setJMXManagementEnabled(false)
                .setAuthenticationCacheSize(0)
                .setAuthorizationCacheSize(0)
                .setCriticalAnalyzer(false)
                .setGracefulShutdownEnabled(false)
                .addQueueConfiguration(QueueConfiguration.of(ADDRESS).setAddress(ADDRESS)
                        .setRoutingType(RoutingType.ANYCAST).setDurable(false))
                .addAddressSetting("#", new AddressSettings().setAutoCreateAddresses(false)
                        .setAutoCreateQueues(false).setAutoDeleteAddresses(false).setAutoDeleteQueues(false));
        config.setBrokerInstance(dataDir.toFile());
        config.registerBrokerPlugin(new AmqpConnectionRulesPlugin(receiverDeadline, refusals));
        try {
            config.addAcceptorConfiguration("amqps", "tcp://" + HOST + ":" + port + "?protocols=AMQP"
                    + ";sslEnabled=true;keyStoreType=" + tls.storeType() + ";keyStorePath=" + tls.keyStore()
                    + ";keyStorePassword=" + tls.password() + ";saslMechanisms=PLAIN");
        } catch (Exception e) {
            throw new IllegalStateException("bad acceptor configuration", e);
        }
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
