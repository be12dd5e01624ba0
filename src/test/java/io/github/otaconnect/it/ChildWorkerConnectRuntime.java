package io.github.otaconnect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import io.github.otaconnect.quickstart.ChildProcess;
import io.github.otaconnect.quickstart.KafkaProcesses;
import io.github.otaconnect.quickstart.ChildProcesses;
import io.github.otaconnect.quickstart.ComponentArchive;
import io.github.otaconnect.quickstart.JavaCommand;
import io.github.otaconnect.quickstart.KafkaDistribution;

/**
 * A Kafka broker in this JVM and Connect workers as child JVMs (the quickstart's {@link ChildProcesses} and
 * {@link KafkaDistribution}: Kafka's own jars only, the connector installed from the component archive into
 * {@code plugin.path}), so that a test can kill a worker the hard way: {@link #killWorker()} is
 * {@code destroyForcibly} on the worker's JVM (SIGKILL), with no shutdown hook, no offset flush and no
 * transaction abort. Needs the component archive, which the package phase builds before failsafe runs.
 */
final class ChildWorkerConnectRuntime implements ConnectRuntime {

    private static final Duration WORKER_START_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> WORKER_JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");

    private final EmbeddedKafkaCluster kafka;
    private final ChildProcesses children;
    private final List<String> classpath;
    private final Map<String, String> workerProps;
    private final Path log4j;
    private final Deque<Worker> workers = new ArrayDeque<>();
    private int started;

    private record Worker(ChildProcess process, URI rest) {
    }

    private ChildWorkerConnectRuntime(EmbeddedKafkaCluster kafka, ChildProcesses children, List<String> classpath,
                                      Map<String, String> workerProps, Path log4j) {
        this.kafka = kafka;
        this.children = children;
        this.classpath = classpath;
        this.workerProps = workerProps;
        this.log4j = log4j;
    }

    /**
     * Starts the broker and {@code workers} worker processes, in {@code workDir}.
     *
     * @param exactlyOnce {@code exactly.once.source.support=enabled} on the workers (and the broker settings it needs)
     */
    static ChildWorkerConnectRuntime start(Path workDir, String groupId, int workers, boolean exactlyOnce) {
        Path projectDir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path kafkaJars = KafkaDistribution.ensure(projectDir);
        Path pluginPath = workDir.resolve("plugins");
        ComponentArchive.unpack(componentArchive(projectDir), pluginPath);

        Properties brokerProps = new Properties();
        brokerProps.put("transaction.state.log.replication.factor", "1");
        brokerProps.put("transaction.state.log.min.isr", "1");
        brokerProps.put("group.min.session.timeout.ms", "3000");
        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, brokerProps);
        kafka.start();

        Map<String, String> props = new LinkedHashMap<>(EmbeddedConnectRuntime.workerProps(exactlyOnce));
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("group.id", groupId);
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        props.put("plugin.discovery", "service_load");
        // a killed worker leaves the group when its session times out: keep that short
        props.put("session.timeout.ms", "6000");
        props.put("heartbeat.interval.ms", "2000");
        ChildWorkerConnectRuntime runtime = new ChildWorkerConnectRuntime(kafka,
                new ChildProcesses(workDir.resolve("processes")), List.of(JavaCommand.allJarsIn(kafkaJars)), props,
                KafkaProcesses.childLog4jConfig(workDir));
        try {
            for (int i = 0; i < workers; i++) {
                runtime.startWorker();
            }
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    private static Path componentArchive(Path projectDir) {
        String buildDir = System.getProperty("project.build.directory");
        Path packages = (buildDir == null || buildDir.isBlank() ? projectDir.resolve("target") : Path.of(buildDir))
                .resolve("components").resolve("packages");
        try (DirectoryStream<Path> zips = Files.newDirectoryStream(packages, "*.zip")) {
            for (Path zip : zips) {
                return zip;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException("no component archive in " + packages + ": run 'mvn package' first");
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The REST API of the newest live worker. */
    @Override
    public ConnectRestClient rest() {
        Worker newest = workers.peekLast();
        if (newest == null) {
            throw new IllegalStateException("no worker is running");
        }
        return new ConnectRestClient(newest.rest());
    }

    @Override
    public int workers() {
        return workers.size();
    }

    /** SIGTERM to the oldest worker: it stops its tasks, commits offsets and leaves the group. */
    @Override
    public void stopOneWorker() {
        Worker worker = workers.pollFirst();
        ProcessHandle handle = ProcessHandle.of(worker.process().pid()).orElse(null);
        if (handle != null) {
            handle.destroy();
            awaitExit(handle, Duration.ofSeconds(30));
        }
    }

    /**
     * SIGKILL to the oldest worker (Process.destroyForcibly on its JVM): it dies mid-whatever, with open
     * transactions and unflushed offsets. Returns once it is gone.
     */
    void killWorker() {
        Worker worker = workers.pollFirst();
        ProcessHandle handle = ProcessHandle.of(worker.process().pid())
                .orElseThrow(() -> new IllegalStateException(worker.process() + " is not running"));
        handle.destroyForcibly();
        awaitExit(handle, Duration.ofSeconds(30));
    }

    @Override
    public void startWorker() {
        int port = freePort();
        Map<String, String> props = new LinkedHashMap<>(workerProps);
        props.put("listeners", "http://127.0.0.1:" + port);
        Path config = children.workDir().resolve("worker-" + (++started) + ".properties");
        StringBuilder text = new StringBuilder();
        props.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        try {
            Files.writeString(config, text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess process = children.start(new JavaCommand("connect-worker-" + started, classpath,
                jvmOptions(), "org.apache.kafka.connect.cli.ConnectDistributed", List.of(config.toString()), Map.of()));
        URI rest = URI.create("http://127.0.0.1:" + port + "/");
        ConnectRestClient client = new ConnectRestClient(rest);
        process.await(() -> isHealthy(client) ? Optional.of(true) : Optional.empty(), "GET /health = 200",
                WORKER_START_TIMEOUT);
        workers.addLast(new Worker(process, rest));
    }

    private List<String> jvmOptions() {
        List<String> options = new java.util.ArrayList<>(WORKER_JVM_OPTIONS);
        options.add("-Dlog4j2.configurationFile=" + log4j);
        return options;
    }

    private static boolean isHealthy(ConnectRestClient client) {
        try {
            return client.get("health").statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("process " + handle.pid() + " did not exit within " + timeout, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The worker processes' logs, for a failure message. */
    String workerLogTails(int lines) {
        StringBuilder text = new StringBuilder();
        for (ChildProcess process : children.started()) {
            text.append("\n--- ").append(process).append(" (").append(process.log()).append(")\n")
                    .append(process.logTail(lines));
        }
        return text.toString();
    }

    @Override
    public void close() {
        try {
            children.close();
        } finally {
            kafka.stop();
        }
    }
}
