package io.github.otaconnect.simulator.push;

import io.github.otaconnect.simulator.SimJobState;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.Scenario;
import io.github.otaconnect.simulator.ScenarioListener;
import io.github.otaconnect.simulator.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
  * The vendor's push side for a simulator: for each consumer group an AMQP endpoint
  * ({@link EmbeddedAmqpBroker}) that accepts the vendor's signed logins for the simulator's AccessKeys, and
  * a publisher that turns every task change and job status change of the simulator's scenario into the
  * vendor's OTA message, through {@link PushKnobs}, to every group.
  *
  * <p>Semantics: each group gets every message (the vendor forwards a product's messages to each
  * subscribed group); within a group, connected clients compete for messages. A message published while
  * the group's broker runs but no client is connected waits in the queue (the vendor's backlog). A message
  * published while the broker is stopped ({@link #outage(Duration)}, {@link #stopBrokers()}) is lost, and so
  * are the messages that were waiting in it: nothing is persisted. Unacknowledged messages of a dropped
  * connection are delivered again.
  *
  * <p>The scenario evolves lazily; the fixture advances it every {@code tick} (default 100 ms) so that
  * changes are published close to when they fall due on the simulator's clock.
  *
  * <p>Each group has its own port (its own broker), because the vendor tells groups apart by the login
  * while clients all attach to the address {@value EmbeddedAmqpBroker#ADDRESS}, and one Artemis broker
  * cannot route one address by login. Against the vendor all groups share one endpoint.
  */
public final class PushFixture implements AutoCloseable {

    private final Scenario scenario;
    private final PushKnobs knobs;
    private final SelfSignedTls tls;
    private final Map<String, EmbeddedAmqpBroker> brokers;
    private final ScheduledExecutorService delivery;
    private final DeliveryPipeline pipeline;
    private final ScenarioListener listener;

    private PushFixture(Builder b) {
        this.scenario = b.simulator.scenario();
        this.knobs = b.knobs;
        this.tls = SelfSignedTls.shared();
        AksignVerifier verifier = new AksignVerifier(b.simulator::activeSecret, b.groups,
                b.simulator.iotInstanceId(), b.simulator.clock().asClock(), b.timestampWindow);
        Map<String, EmbeddedAmqpBroker> byGroup = new LinkedHashMap<>();
        for (String group : b.groups) {
            byGroup.put(group, new EmbeddedAmqpBroker(group, verifier, b.maxClientsPerGroup, b.receiverDeadline, tls));
        }
        this.brokers = Map.copyOf(byGroup);
        this.delivery = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "push-delivery");
            t.setDaemon(true);
            return t;
        });
        this.pipeline = new DeliveryPipeline(knobs, new DeliveryPipeline.Fanout() {
            @Override
            public int publish(VendorMessage message) {
                int taken = 0;
                for (EmbeddedAmqpBroker broker : brokers.values()) {
                    taken += broker.publish(message.body(), message.applicationProperties()) ? 1 : 0;
                }
                return taken;
            }

            @Override
            public int groups() {
                return brokers.size();
            }
        }, delivery);
        OtaPushMessages messages = new OtaPushMessages(b.simulator.clock(), b.firstMessageId);
        this.listener = new ScenarioListener() {
            @Override
            public void taskChanged(TaskState task) {
                pipeline.offer(messages.taskChanged(task));
            }

            @Override
            public void jobStatusChanged(SimJobState job) {
                pipeline.offer(messages.jobStatusChanged(job));
            }
        };
        long tickMs = b.tick.toMillis();
        delivery.scheduleWithFixedDelay(scenario::advance, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    /** Starts one broker per group with the given knobs and the defaults of {@link Builder}. */
    public static PushFixture start(OtaApiSimulator simulator, Set<String> consumerGroups, PushKnobs knobs) {
        return builder(simulator).consumerGroups(consumerGroups).knobs(knobs).start();
    }

    public static Builder builder(OtaApiSimulator simulator) {
        return new Builder(simulator);
    }

    public Set<String> consumerGroups() {
        return brokers.keySet();
    }

    public String host() {
        return EmbeddedAmqpBroker.HOST;
    }

    public int port(String consumerGroupId) {
        return broker(consumerGroupId).port();
    }

    /** {@code amqps://127.0.0.1:<port>}: the endpoint a connector is configured with. */
    public String endpoint(String consumerGroupId) {
        return "amqps://" + host() + ":" + port(consumerGroupId);
    }

    /** A qpid-jms URI for the group's endpoint that trusts the test certificate, idle timeout 80 s as the vendor demo. */
    public String qpidUri(String consumerGroupId) {
        return endpoint(consumerGroupId) + "?" + tls.qpidTrustOptions() + "&amqp.idleTimeout=80000";
    }

    /** {@link #qpidUri(String)} inside qpid-jms failover that retries every 100 ms, as tests want. */
    public String qpidFailoverUri(String consumerGroupId) {
        return "failover:(" + qpidUri(consumerGroupId) + ")?failover.initialReconnectDelay=50"
                + "&failover.reconnectDelay=100&failover.maxReconnectDelay=200&failover.useReconnectBackOff=false";
    }

    /** PKCS12 trust store holding the brokers' self-signed certificate (SAN localhost, 127.0.0.1). */
    public Path trustStorePath() {
        return tls.trustStore();
    }

    public String trustStorePassword() {
        return tls.password();
    }

    public String trustStoreType() {
        return tls.storeType();
    }

    public PushKnobs knobs() {
        return knobs;
    }

    public PushStats stats() {
        return pipeline.stats();
    }

    public EmbeddedAmqpBroker broker(String consumerGroupId) {
        EmbeddedAmqpBroker broker = brokers.get(consumerGroupId);
        if (broker == null) {
            throw new IllegalArgumentException("no consumer group " + consumerGroupId + "; groups: " + brokers.keySet());
        }
        return broker;
    }

    /** Publishes an arbitrary message to every group now, past the knobs (e.g. a message of another topic). */
    public void publishRaw(VendorMessage message) {
        for (EmbeddedAmqpBroker broker : brokers.values()) {
            broker.publish(message.body(), message.applicationProperties());
        }
    }

    public void stopBrokers() {
        brokers.values().forEach(EmbeddedAmqpBroker::stop);
    }

    public void startBrokers() {
        brokers.values().forEach(EmbeddedAmqpBroker::start);
    }

    /**
      * Stops every broker now and starts them again on the same ports after {@code length}; the future
      * completes once they run. Messages generated meanwhile are lost (see the class comment).
      */
    public CompletableFuture<Void> outage(Duration length) {
        stopBrokers();
        return CompletableFuture.runAsync(this::startBrokers,
                CompletableFuture.delayedExecutor(length.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Drops every client connection of every group; the brokers keep running. */
    public void killConnections() {
        brokers.values().forEach(EmbeddedAmqpBroker::killConnections);
    }

    @Override
    public void close() {
        scenario.removeListener(listener);
        delivery.shutdownNow();
        stopBrokers();
    }

    private PushFixture begin() {
        try {
            startBrokers();
            scenario.addListener(listener);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Options; every one has a default. */
    public static final class Builder {
        private final OtaApiSimulator simulator;
        private Set<String> groups = Set.of("DEFAULT_GROUP");
        private PushKnobs knobs = PushKnobs.faithful(1);
        private Duration timestampWindow = Duration.ofHours(1);
        private int maxClientsPerGroup = 64;
        private Duration receiverDeadline = Duration.ofSeconds(15);
        private Duration tick = Duration.ofMillis(100);
        private long firstMessageId = 1_000_000_000_000L;

        private Builder(OtaApiSimulator simulator) {
            this.simulator = simulator;
        }

        /** Default: {@code DEFAULT_GROUP} only. */
        public Builder consumerGroups(Set<String> consumerGroups) {
            if (consumerGroups.isEmpty()) {
                throw new IllegalArgumentException("at least one consumer group");
            }
            this.groups = new LinkedHashSet<>(consumerGroups);
            return this;
        }

        /** Default: {@link PushKnobs#faithful(long)} with seed 1. */
        public Builder knobs(PushKnobs knobs) {
            this.knobs = knobs;
            return this;
        }

        /**
          * How far a login's timestamp may lie from the simulator's clock. Default 1 hour: the vendor's demo
          * reconnects (failover) with the login it made at start, so a short window would refuse it after a
          * long outage; the vendor's own window is not documented.
          */
        public Builder timestampWindow(Duration window) {
            this.timestampWindow = window;
            return this;
        }

        /** Default 64, the vendor's limit. */
        public Builder maxClientsPerGroup(int max) {
            this.maxClientsPerGroup = max;
            return this;
        }

        /**
          * How long a connection may stay open without attaching its receiver link before the broker closes it.
          * Default 15 s, the vendor's limit; a test that watches the closing sets it short.
          */
        public Builder receiverDeadline(Duration deadline) {
            this.receiverDeadline = deadline;
            return this;
        }

        /** How often the scenario is advanced so that due changes get published; default 100 ms. */
        public Builder tick(Duration tick) {
            this.tick = tick;
            return this;
        }

        public Builder firstMessageId(long id) {
            this.firstMessageId = id;
            return this;
        }

        public PushFixture start() {
            return new PushFixture(this).begin();
        }
    }
}
