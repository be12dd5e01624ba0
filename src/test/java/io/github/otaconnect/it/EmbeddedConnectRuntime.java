package io.github.otaconnect.it;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * A real Kafka broker (KRaft) and real Connect workers in this JVM, from Apache Kafka's own test harness,
 * with settings that keep tests quick: offsets committed every second and a short rebalance delay, so
 * that a stopped worker's tasks move in seconds instead of minutes.
 */
final class EmbeddedConnectRuntime implements ConnectRuntime {

    private final EmbeddedConnectCluster connect;

    private EmbeddedConnectRuntime(EmbeddedConnectCluster connect) {
        this.connect = connect;
    }

    static EmbeddedConnectRuntime start(String name, int workers, boolean exactlyOnce) {
        return start(name, workers, exactlyOnce, Map.of());
    }

    /** With extra worker properties, e.g. ConfigProvider definitions. */
    static EmbeddedConnectRuntime start(String name, int workers, boolean exactlyOnce,
                                        Map<String, String> extraWorkerProps) {
        Properties brokerProps = new Properties();
        if (exactlyOnce) {
            brokerProps.put("transaction.state.log.replication.factor", "1");
            brokerProps.put("transaction.state.log.min.isr", "1");
        }
        Map<String, String> workerProps = new HashMap<>(workerProps(exactlyOnce));
        workerProps.putAll(extraWorkerProps);
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name(name)
                .numWorkers(workers)
                .workerProps(workerProps)
                .brokerProps(brokerProps)
                .build();
        connect.start();
        return new EmbeddedConnectRuntime(connect);
    }

    /** Worker settings shared by every runtime of the tests. */
    static Map<String, String> workerProps(boolean exactlyOnce) {
        Map<String, String> props = new HashMap<>();
        props.put("offset.flush.interval.ms", "1000");
        props.put("scheduled.rebalance.max.delay.ms", "3000");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        // Plugins are found through their ServiceLoader manifests only: a worker starts in a few seconds
        // instead of scanning the class path, which matters where workers are restarted over and over.
        props.put("plugin.discovery", "service_load");
        if (exactlyOnce) {
            props.put("exactly.once.source.support", "enabled");
        }
        return props;
    }

    EmbeddedConnectCluster cluster() {
        return connect;
    }

    @Override
    public String bootstrapServers() {
        return connect.kafka().bootstrapServers();
    }

    @Override
    public ConnectRestClient rest() {
        String connectors = connect.endpointForResource("connectors");
        return new ConnectRestClient(URI.create(connectors.substring(0, connectors.length() - "connectors".length())));
    }

    @Override
    public int workers() {
        return connect.workers().size();
    }

    @Override
    public void stopOneWorker() {
        connect.removeWorker();
    }

    @Override
    public void startWorker() {
        connect.addWorker();
    }

    @Override
    public void close() {
        connect.stop();
    }
}
