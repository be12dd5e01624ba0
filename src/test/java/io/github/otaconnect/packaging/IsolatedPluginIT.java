package io.github.otaconnect.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.otaconnect.quickstart.ChildProcess;
import io.github.otaconnect.quickstart.ChildProcesses;
import io.github.otaconnect.quickstart.ComponentArchive;
import io.github.otaconnect.quickstart.ConnectRest;
import io.github.otaconnect.quickstart.KafkaDistribution;
import io.github.otaconnect.quickstart.KafkaProcesses;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.SimClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component archive as an operator installs it: unzipped into the {@code plugin.path} of a real Connect
 * worker running in its own JVM with nothing but Kafka's jars on its classpath. Whatever the connector needs
 * at run time must come from the archive's {@code lib/} or from the worker, so a dependency missing from
 * {@code lib/}, a jar there that clashes with the worker's, or a missing ServiceLoader manifest fails here.
 */
class IsolatedPluginIT {

    private static final String CONNECTOR_CLASS = "io.github.otaconnect.source.OtaSourceConnector";
    private static final String TOPIC_PREFIX = "isolated";
    private static final int TASKS = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static String version;
    private static Path pluginFolder;
    private static OtaApiSimulator simulator;
    private static String jobId;
    private static ChildProcesses processes;
    private static KafkaProcesses.Cluster cluster;
    private static ConnectRest connect;

    @BeforeAll
    static void startWorkerWithTheArchiveInstalled() {
        version = BuildLayout.projectVersion();
        Path archive = BuildLayout.componentArchive(version);
        assertTrue(Files.isRegularFile(archive), archive + " is missing: it is built in the package phase");
        Path kafkaJars = KafkaDistribution.ensure(BuildLayout.projectDir());
        Path pluginPath = work.resolve("plugins");
        pluginFolder = ComponentArchive.unpack(archive, pluginPath);

        simulator = OtaApiSimulator.builder()
                .credentials(OtaApiSimulator.DEFAULT_ACCESS_KEY_ID, OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET)
                .clock(SimClock.system())
                .build()
                .start();
        jobId = simulator.scenario().addJob(JobSpec.upgrade().taskCount(TASKS).alreadyTerminal(0.6).changeRate(0.1)
                .build());

        processes = new ChildProcesses(work.resolve("processes"));
        cluster = new KafkaProcesses(processes, kafkaJars).start(pluginPath, Map.of());
        connect = new ConnectRest(cluster.restUrl());
    }

    @AfterAll
    static void stopEverything() {
        List<ChildProcess> started = processes == null ? List.of() : processes.started();
        if (processes != null) {
            processes.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        assertEquals(List.of(), started.stream().filter(ChildProcess::isAlive).toList(), "still running");
    }

    @Test
    void theWorkerLoadsTheConnectorFromTheArchiveOnly() throws IOException {
        JsonNode plugin = connect.pluginOf(CONNECTOR_CLASS)
                .orElseThrow(() -> new AssertionError("GET /connector-plugins lacks " + CONNECTOR_CLASS + ": "
                        + connect.connectorPlugins()));

        assertEquals("source", plugin.path("type").asText());
        assertEquals(version, plugin.path("version").asText());
        // the worker's classpath is Kafka's folder of jars only, so the class can only have come from plugin.path
        List<String> workerArguments = ProcessHandle.of(cluster.worker().pid())
                .flatMap(handle -> handle.info().arguments()).map(List::of).orElse(List.of());
        String classpath = workerArguments.get(workerArguments.indexOf("-cp") + 1);
        assertTrue(classpath.endsWith("kafka-runtime/*") && !classpath.contains(":"), classpath);
        String workerLog = Files.readString(cluster.worker().log());
        String loader = "Registered loader: PluginClassLoader{pluginLocation=file:" + pluginFolder + "/}";
        assertTrue(workerLog.contains(loader),
                "the worker did not register a plugin class loader for " + pluginFolder);
    }

    @Test
    void recordsArriveThroughTheIsolatedPlugin() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("ota.endpoint.url", simulator.endpoint().toString());
        config.put("ota.access.key.id", OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
        config.put("ota.access.key.secret", OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET);
        config.put("ota.job.ids", jobId);
        config.put("topic.prefix", TOPIC_PREFIX);
        config.put("poll.interval.ms", "1000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.cleanup.policy", "compact");
        // the worker's JsonConverter with schemas: the plugin's Connect schemas cross the class-loader boundary
        connect.putConnectorConfig("isolated-ota-source", config);

        Set<String> taskIds = new HashSet<>();
        Set<String> connectorVersions = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                assignWhenCreated(consumer);
                if (consumer.assignment().isEmpty()) {
                    return false;
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode payload = JSON.readTree(record.value()).path("payload");
                    connectorVersions.add(payload.path("source").path("connector_version").asText());
                    if (record.topic().equals(TOPIC_PREFIX + ".tasks")) {
                        assertEquals(jobId, payload.path("job_id").asText());
                        taskIds.add(payload.path("task_id").asText());
                    }
                }
                return taskIds.size() == TASKS && connectorVersions.size() == 1;
            });
        }
        assertEquals(Set.of(version), connectorVersions, "the version the plugin reads from its own jar");
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Both topics from their beginning, once the connector has created them. */
    private static void assignWhenCreated(KafkaConsumer<String, String> consumer) {
        if (consumer.assignment().size() == 2) {
            return;
        }
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : List.of(TOPIC_PREFIX + ".jobs", TOPIC_PREFIX + ".tasks")) {
            try {
                consumer.partitionsFor(topic, Duration.ofSeconds(5))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            } catch (RetriableException e) {
                return; // the broker is slow to answer: ask again on the next round
            }
        }
        if (partitions.size() == 2) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
    }
}
