package io.github.otaconnect.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) and a distributed-mode Connect worker,
 * each a child JVM with only Kafka's own jars on its classpath. Configuration, data and logs live in the
 * {@link ChildProcesses}' work folder; stopping is {@link ChildProcesses#close()}'s job, which stops the
 * worker before the broker.
 */
public final class KafkaProcesses {

    /**
     * Small heaps, the serial collector and the C1 compiler only: on a machine with two cores, shared with a
     * build, the C2 compiler threads would double the time to start; a quickstart never runs long enough to
     * miss C2's faster code.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration WORKER_START_TIMEOUT = Duration.ofSeconds(120);

    /** A running broker and worker. */
    public record Cluster(ChildProcess broker, String bootstrapServers, ChildProcess worker, URI restUrl) {
    }

    private final ChildProcesses children;
    private final List<String> classpath;
    private final Path workDir;

    /** @param kafkaJars the folder {@link KafkaDistribution#ensure(Path)} returns */
    public KafkaProcesses(ChildProcesses children, Path kafkaJars) {
        this.children = children;
        this.classpath = List.of(JavaCommand.allJarsIn(kafkaJars));
        this.workDir = children.workDir();
    }

    /**
     * Formats the broker's storage, starts the broker and the worker, and returns once the broker's log says
     * it has started and the worker's {@code GET /health} answers 200. The worker is started right after the
     * broker, not after it is ready: its JVM start and plugin discovery overlap the broker's start, and it
     * waits for the broker by itself. The worker's only plugins are those under {@code pluginPath} (plus
     * Kafka's own); {@code workerEnvironment} reaches its {@code ${env:...}} config provider (variables whose
     * names start with {@code OTA_}).
     */
    public Cluster start(Path pluginPath, Map<String, String> workerEnvironment) {
        int brokerPort = FreePort.find();
        int controllerPort = FreePort.find();
        int restPort = FreePort.find();
        String bootstrapServers = "127.0.0.1:" + brokerPort;
        Path brokerConfig = write("broker.properties", brokerProperties(brokerPort, controllerPort));
        Path workerConfig = write("worker.properties", workerProperties(bootstrapServers, restPort, pluginPath));

        format(brokerConfig);
        ChildProcess broker = children.start(new JavaCommand("kafka-broker", classpath, jvmOptions(), "kafka.Kafka",
                List.of(brokerConfig.toString()), Map.of()));
        ChildProcess worker = children.start(new JavaCommand("connect-worker", classpath, jvmOptions(),
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(workerConfig.toString()),
                workerEnvironment));
        broker.awaitLogLine(line -> line.contains("Kafka Server started"), "Kafka Server started",
                BROKER_START_TIMEOUT);
        ConnectRest rest = new ConnectRest(URI.create("http://127.0.0.1:" + restPort + "/"));
        worker.await(() -> rest.isHealthy() ? Optional.of(true) : Optional.empty(), "GET /health = 200",
                WORKER_START_TIMEOUT);
        return new Cluster(broker, bootstrapServers, worker, rest.base());
    }

    private void format(Path brokerConfig) {
        String clusterId = Uuid.randomUuid().toString();
        ChildProcess format = children.start(new JavaCommand("kafka-storage-format", classpath, jvmOptions(),
                "kafka.tools.StorageTool",
                List.of("format", "--standalone", "-t", clusterId, "-c", brokerConfig.toString()), Map.of()));
        int exit = format.awaitExit(FORMAT_TIMEOUT);
        if (exit != 0) {
            throw new IllegalStateException("formatting the Kafka storage failed (exit " + exit + "):\n"
                    + format.logTail(40));
        }
    }

    private Map<String, String> brokerProperties(int brokerPort, int controllerPort) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", workDir.resolve("kafka-data").toString());
        props.put("num.partitions", "1");
        // Connect creates the topics it needs with the right settings; a typo must not create one
        props.put("auto.create.topics.enable", "false");
        // One broker: every internal topic with a single replica, and few partitions so they appear quickly
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        return props;
    }

    private Map<String, String> workerProperties(String bootstrapServers, int restPort, Path pluginPath) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "ota-quickstart");
        props.put("config.storage.topic", "connect-configs");
        props.put("offset.storage.topic", "connect-offsets");
        props.put("status.storage.topic", "connect-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "5");
        props.put("status.storage.replication.factor", "1");
        props.put("status.storage.partitions", "1");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("listeners", "http://127.0.0.1:" + restPort);
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        // Only plugins that declare themselves through ServiceLoader manifests: starts in seconds instead of
        // scanning every jar, and a plugin without its manifest is not found at all (as on a strict worker)
        props.put("plugin.discovery", "service_load");
        props.put("offset.flush.interval.ms", "5000");
        props.put("config.providers", "env");
        props.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        props.put("config.providers.env.param.allowlist.pattern", "^OTA_.*$");
        return props;
    }

    private List<String> jvmOptions() {
        Path log4j = childLog4jConfig(workDir);
        List<String> options = new java.util.ArrayList<>(JVM_OPTIONS);
        options.add("-Dlog4j2.configurationFile=" + log4j);
        return options;
    }

    private Path write(String fileName, Map<String, String> props) {
        StringBuilder text = new StringBuilder();
        props.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        return writeText(workDir.resolve(fileName), text.toString());
    }

    /**
     * The log4j2 configuration of a broker or worker child process in {@code workDir}: everything to stdout,
     * which ChildProcesses sends to {@code <name>.log}. Written once.
     */
    public static Path childLog4jConfig(Path workDir) {
        Path log4j = workDir.resolve("log4j2.properties");
        if (!Files.exists(log4j)) {
            writeText(log4j, String.join("\n",
                    "status = warn",
                    "appender.out.type = Console",
                    "appender.out.name = out",
                    "appender.out.target = SYSTEM_OUT",
                    "appender.out.layout.type = PatternLayout",
                    "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.out.ref = out",
                    "logger.clients.name = org.apache.kafka.clients",
                    "logger.clients.level = WARN",
                    ""));
        }
        return log4j;
    }

    private static Path writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
