package io.github.otaconnect.it;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import io.github.otaconnect.simulator.OtaApiSimulator;

/**
 * A real Kafka broker (KRaft) and real Connect workers in this JVM, from Apache Kafka's own test harness,
 * with settings that keep tests quick: offsets committed every second and a short rebalance delay, so
 * that a removed worker's tasks move in seconds instead of minutes.
 */
final class ConnectClusterFixture implements AutoCloseable {

    static final Duration CONVERGENCE_TIMEOUT = Duration.ofSeconds(120);

    final EmbeddedConnectCluster connect;

    private ConnectClusterFixture(EmbeddedConnectCluster connect) {
        this.connect = connect;
    }

    static ConnectClusterFixture start(String name, int workers, boolean exactlyOnce) {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("offset.flush.interval.ms", "1000");
        workerProps.put("scheduled.rebalance.max.delay.ms", "3000");
        workerProps.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        workerProps.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        Properties brokerProps = new Properties();
        if (exactlyOnce) {
            workerProps.put("exactly.once.source.support", "enabled");
            brokerProps.put("transaction.state.log.replication.factor", "1");
            brokerProps.put("transaction.state.log.min.isr", "1");
        }
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name(name)
                .numWorkers(workers)
                .workerProps(workerProps)
                .brokerProps(brokerProps)
                .build();
        connect.start();
        return new ConnectClusterFixture(connect);
    }

    String bootstrapServers() {
        return connect.kafka().bootstrapServers();
    }

    /** A connector config pointed at the simulator, with quick polling for tests. */
    static Map<String, String> connectorConfig(OtaApiSimulator simulator, String topicPrefix, List<String> jobIds,
                                               int maxTasks) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.github.otaconnect.source.OtaSourceConnector");
        config.put("tasks.max", Integer.toString(maxTasks));
        config.put("ota.endpoint.url", simulator.endpoint().toString());
        config.put("ota.access.key.id", OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
        config.put("ota.access.key.secret", OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET);
        config.put("ota.job.ids", String.join(",", jobIds));
        config.put("topic.prefix", topicPrefix);
        config.put("poll.interval.ms", "1000");
        config.put("ota.qps.per.action", "50");
        config.put("ota.qps.allow.above.vendor.limit", "true");
        config.put("ota.retry.backoff.initial.ms", "50");
        config.put("ota.retry.backoff.max.ms", "1000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "2");
        config.put("topic.creation.default.cleanup.policy", "compact");
        return config;
    }

    /** The worker each task of the connector runs on, by task ID. */
    Map<Integer, String> taskWorkers(String connector) {
        Map<Integer, String> workers = new HashMap<>();
        ConnectorStateInfo status = connect.connectorStatus(connector);
        for (ConnectorStateInfo.TaskState task : status.tasks()) {
            workers.put(task.id(), task.workerId());
        }
        return workers;
    }

    @Override
    public void close() {
        connect.stop();
    }
}
