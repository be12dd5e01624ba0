package io.github.otaconnect.it;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Kafka broker in a container (Testcontainers) with real Connect workers in this JVM in front of it,
 * for machines with Docker. The workers are Apache Kafka's own distributed-mode worker, started the way
 * {@code connect-distributed.sh} starts it.
 */
final class TestcontainersConnectRuntime implements ConnectRuntime {

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.0.0");

    private final KafkaContainer kafka;
    private final String groupId;
    private final Deque<Connect<?>> workers = new ArrayDeque<>();

    private TestcontainersConnectRuntime(KafkaContainer kafka, String groupId) {
        this.kafka = kafka;
        this.groupId = groupId;
    }

    static TestcontainersConnectRuntime start(String name, int workers) {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        kafka.start();
        TestcontainersConnectRuntime runtime = new TestcontainersConnectRuntime(kafka, name);
        for (int i = 0; i < workers; i++) {
            runtime.startWorker();
        }
        return runtime;
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public ConnectRestClient rest() {
        URI url = workers.peekFirst().rest().advertisedUrl();
        return new ConnectRestClient(url);
    }

    @Override
    public int workers() {
        return workers.size();
    }

    @Override
    public void stopOneWorker() {
        Connect<?> worker = workers.pollLast();
        worker.stop();
        worker.awaitStop();
    }

    @Override
    public void startWorker() {
        Map<String, String> props = new HashMap<>(EmbeddedConnectRuntime.workerProps(false));
        props.put("bootstrap.servers", kafka.getBootstrapServers());
        props.put("group.id", groupId);
        props.put("listeners", "http://127.0.0.1:0");
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        workers.addLast(new ConnectDistributed().startConnect(props));
    }

    @Override
    public void close() {
        while (!workers.isEmpty()) {
            stopOneWorker();
        }
        kafka.stop();
    }
}
