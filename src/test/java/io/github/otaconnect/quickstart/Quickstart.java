package io.github.otaconnect.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * What {@code ./quickstart.sh} runs once the project is built: the OTA API simulator (unless a real endpoint
 * is given), a Kafka broker and a Connect worker with the connector installed from its component archive
 * (unless an existing cluster is given), all as child processes; then it deploys the connector and shows what
 * happens until the duration ends or it is told to stop (SIGINT/SIGTERM), and stops every process it started.
 *
 * <p>System properties (the script sets them): {@code otaconnect.quickstart.project} (project folder),
 * {@code otaconnect.quickstart.archive} (component archive), {@code otaconnect.quickstart.work} (work folder,
 * which the script removes), {@code otaconnect.quickstart.started-ms} (when the script started),
 * {@code otaconnect.quickstart.redraw} (stdout is a terminal).
 */
public final class Quickstart {

    static final String CONNECTOR = "ota-quickstart";
    static final String CONNECTOR_CLASS = "io.github.otaconnect.source.OtaSourceConnector";
    static final String TOPIC_PREFIX = "ota";

    private final QuickstartOptions options;
    private final Path projectDir;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final long startedAtMillis;
    private final boolean redraw;
    private final PrintStream out;
    private final Object stopLock = new Object();

    private volatile boolean stopping;
    private volatile ChildProcesses children;
    private volatile QuickstartWatcher watcher;
    private volatile ConnectRest connect;
    private volatile boolean deployed;
    private boolean stopped;

    /** @param ownsWorkDir remove the work folder when stopping (the script removes the one it gives) */
    Quickstart(QuickstartOptions options, Path projectDir, Path workDir, boolean ownsWorkDir, long startedAtMillis,
               boolean redraw, PrintStream out) {
        this.options = options;
        this.projectDir = projectDir;
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.startedAtMillis = startedAtMillis;
        this.redraw = redraw;
        this.out = out;
    }

    public static void main(String[] args) {
        QuickstartOptions options;
        try {
            options = QuickstartOptions.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("quickstart: " + e.getMessage() + " (./quickstart.sh --help lists the options)");
            System.exit(2);
            return;
        }
        Path projectDir = Path.of(System.getProperty("otaconnect.quickstart.project", "")).toAbsolutePath();
        String givenWorkDir = System.getProperty("otaconnect.quickstart.work");
        Path workDir;
        try {
            workDir = givenWorkDir != null ? Path.of(givenWorkDir) : Files.createTempDirectory("ota-quickstart.");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder", e);
        }
        long started = Long.getLong("otaconnect.quickstart.started-ms",
                ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli())
                        .orElse(System.currentTimeMillis()));
        Quickstart quickstart = new Quickstart(options, projectDir, workDir, givenWorkDir == null, started,
                Boolean.getBoolean("otaconnect.quickstart.redraw"), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(quickstart::stop, "quickstart-stop"));
        int exit = quickstart.run();
        quickstart.stop();
        System.exit(exit);
    }

    /** Starts, deploys and watches; returns the exit code. */
    int run() {
        try {
            say("work folder " + workDir + " (configuration and a log of every process)");
            ChildProcesses processes = new ChildProcesses(workDir);
            children = processes;
            ChildProcess simulator = null;
            if (!options.usesRealApi()) {
                simulator = SimulatorProcess.start(processes, options.devices(), options.usesPush());
                announce(simulator);
            }
            String bootstrapServers = options.usesExistingCluster()
                    ? useExistingCluster()
                    : startLocalCluster(processes);
            JsonNode plugin = connect.pluginOf(CONNECTOR_CLASS).orElseThrow(() -> new IllegalStateException(
                    "the worker at " + connect.base() + " does not list " + CONNECTOR_CLASS + ": unzip "
                            + componentArchive().getFileName() + " into a folder on its plugin.path and restart it"));
            say("the worker lists " + CONNECTOR_CLASS + " " + plugin.path("version").asText());

            Map<String, String> jobs = new LinkedHashMap<>();
            Optional<SimulatorProcess.Rollout> rollout = Optional.ofNullable(simulator)
                    .map(SimulatorProcess::awaitRollout);
            String apiEndpoint = rollout.isPresent() ? simulatedJobs(rollout.get(), jobs) : realJobs(jobs);
            Optional<SimulatorProcess.Push> push = rollout.flatMap(SimulatorProcess.Rollout::push);
            connect.putConnectorConfig(CONNECTOR, connectorConfig(simulator == null ? null : apiEndpoint,
                    push.orElse(null), List.copyOf(jobs.keySet())));
            deployed = true;
            say(String.format(Locale.ROOT, "connector %s deployed after %.1f s, following %d jobs at %s", CONNECTOR,
                    secondsSinceStart(), jobs.size(), apiEndpoint));

            List<String> header = List.of(
                    "Kafka   " + bootstrapServers + "  topics " + TOPIC_PREFIX + ".jobs, " + TOPIC_PREFIX + ".tasks",
                    "Connect " + connect.base() + "connectors/" + CONNECTOR + "/status",
                    "OTA API " + apiEndpoint + (simulator == null ? "" : "  (simulator)")
                            + (processes.started().isEmpty() ? "" : "  logs " + workDir),
                    "Push    " + push.map(p -> p.endpoint() + "  consumer group " + p.consumerGroup()
                            + "  (the simulator's AMQP broker)").orElse("off"));
            ChildProcess pushSide = push.isPresent() ? simulator : null;
            watch(new QuickstartWatcher.Target(connect, CONNECTOR, bootstrapServers, TOPIC_PREFIX + ".jobs",
                    TOPIC_PREFIX + ".tasks", jobs, header, () -> pushStatus(pushSide)));
            return 0;
        } catch (RuntimeException e) {
            if (stopping) {
                return 130;
            }
            System.err.println("quickstart: failed: " + e.getMessage());
            return 1;
        }
    }

    private String useExistingCluster() {
        connect = new ConnectRest(options.connectUrl().orElseThrow());
        return options.bootstrapServers().orElseThrow();
    }

    /** Starts a broker and a worker with the plugin unzipped into its plugin.path; returns the bootstrap servers. */
    private String startLocalCluster(ChildProcesses processes) {
        if (!KafkaDistribution.isCurrent(projectDir)) {
            say("gathering Kafka's broker and Connect jars with Maven (once; quickstart/pom.xml)");
        }
        Path kafkaJars = KafkaDistribution.ensure(projectDir);
        Path pluginPath = workDir.resolve("plugins");
        Path plugin = ComponentArchive.unpack(componentArchive(), pluginPath);
        say("plugin unpacked into " + plugin);
        KafkaProcesses.Cluster cluster = new KafkaProcesses(processes, kafkaJars).start(pluginPath,
                workerEnvironment());
        announce(cluster.broker());
        announce(cluster.worker());
        connect = new ConnectRest(cluster.restUrl());
        say(String.format(Locale.ROOT, "Kafka at %s and Connect at %s ready after %.1f s",
                cluster.bootstrapServers(), cluster.restUrl(), secondsSinceStart()));
        return cluster.bootstrapServers();
    }

    /** Fills {@code jobs} (ID to description) from what the simulator serves; returns its endpoint. */
    private String simulatedJobs(SimulatorProcess.Rollout rollout, Map<String, String> jobs) {
        rollout.jobs().forEach((id, description) -> {
            if (options.jobIds().isEmpty() || options.jobIds().contains(id)) {
                jobs.put(id, description);
            }
        });
        options.jobIds().forEach(id -> jobs.putIfAbsent(id, "(not a simulator job)"));
        return rollout.endpoint().toString();
    }

    /** Fills {@code jobs} with the IDs given; returns the vendor endpoint. */
    private String realJobs(Map<String, String> jobs) {
        options.jobIds().forEach(id -> jobs.put(id, ""));
        return options.endpoint().map(URI::toString)
                .orElse("https://iot." + options.region().orElseThrow() + ".aliyuncs.com/");
    }

    /**
     * Whether the connector's task holds a connection to the simulator's push broker, as the broker counts its
     * clients: the worker's own metric lives in its JVM, perhaps on another host.
     */
    private static String pushStatus(ChildProcess simulator) {
        if (simulator == null) {
            return "push: off (polling only)";
        }
        OptionalInt clients = SimulatorProcess.pushClients(simulator);
        return clients.orElse(0) > 0 ? "push: connected (" + clients.getAsInt() + " client)"
                : "push: not connected (polling at poll.interval.ms until it is)";
    }

    private void watch(QuickstartWatcher.Target target) {
        QuickstartWatcher created = new QuickstartWatcher(target, out, redraw, startedAtMillis);
        watcher = created;
        try {
            if (!stopping) {
                created.run(options.duration(), options.refresh());
            }
        } finally {
            created.close();
        }
    }

    /**
     * Stops the watcher and every process this run started, newest first; idempotent, and called from the
     * shutdown hook too (Ctrl-C, SIGTERM), so nothing outlives the quickstart.
     */
    void stop() {
        synchronized (stopLock) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        stopping = true;
        QuickstartWatcher current = watcher;
        if (current != null) {
            current.wakeup();
        }
        ChildProcesses processes = children;
        if (deployed && options.usesExistingCluster() && !options.usesRealApi()) {
            // the simulator it reads from stops now; a connector left behind would only retry a dead endpoint
            try {
                connect.deleteConnector(CONNECTOR);
                say("connector " + CONNECTOR + " deleted from " + connect.base());
            } catch (RuntimeException e) {
                say("could not delete connector " + CONNECTOR + ": " + e.getMessage());
            }
        }
        if (processes != null && !processes.started().isEmpty()) {
            List<String> running = new ArrayList<>();
            processes.started().stream().filter(ChildProcess::isAlive).forEach(child -> running.add(0, child.name()));
            say("stopping " + (running.isEmpty() ? "nothing" : String.join(", ", running)));
            processes.close();
        }
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "stopped after %.0f s",
                secondsSinceStart()));
        if (current != null) {
            summary.append(String.format(Locale.ROOT, "; records: jobs=%d tasks=%d", current.jobRecords(),
                    current.taskRecords()));
            if (current.millisToFirstRecord() >= 0) {
                summary.append(String.format(Locale.ROOT, "; first record %.1f s after start",
                        current.millisToFirstRecord() / 1000.0));
            }
            DeliveryLag lag = current.lag();
            if (lag.sampleCount() > 0) {
                summary.append(String.format(Locale.ROOT, "; delivery lag p50 %.1f s, p99 %.1f s over the last %d"
                        + " task changes", lag.percentileMillis(50) / 1000.0, lag.percentileMillis(99) / 1000.0,
                        lag.sampleCount()));
            }
        }
        say(summary.toString());
        if (deployed && options.usesExistingCluster() && options.usesRealApi()) {
            say("connector " + CONNECTOR + " keeps running; remove it with: curl -X DELETE " + connect.base()
                    + "connectors/" + CONNECTOR);
        }
        if (ownsWorkDir) {
            try {
                FolderRemoval.removeTree(workDir);
            } catch (IOException e) {
                say("could not remove " + workDir + ": " + e.getMessage());
            }
        }
    }

    /**
     * The connector's configuration: quick polling and readable JSON records, topics created compacted; with
     * the simulator's push broker, push on.
     */
    private Map<String, String> connectorConfig(String simulatorEndpoint, SimulatorProcess.Push push,
                                                List<String> jobIds) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        // one task per consumer group; the simulator serves one group, since it has one broker per group
        // and a connector has one endpoint (against the vendor all groups share it)
        config.put("tasks.max", push == null ? "2" : "1");
        if (simulatorEndpoint != null) {
            config.put("ota.endpoint.url", simulatorEndpoint);
            config.put("ota.access.key.id", "testid");
            config.put("ota.access.key.secret", "testsecret");
            config.put("poll.interval.ms", "2000");
        } else {
            options.region().ifPresent(region -> config.put("ota.region.id", region));
            options.endpoint().ifPresent(endpoint -> config.put("ota.endpoint.url", endpoint.toString()));
            config.put("ota.access.key.id", options.accessKeyId().orElseThrow());
            config.put("ota.access.key.secret", secretForConnector());
        }
        if (push != null) {
            config.put("ota.push.enabled", "true");
            config.put("ota.push.endpoint", push.endpoint());
            config.put("ota.push.consumer.groups", push.consumerGroup());
            config.put("ota.push.ssl.truststore.location", push.trustStorePath());
            config.put("ota.push.ssl.truststore.password", push.trustStorePassword());
            // the safety net still polls within the demo's minute; changes arrive by push long before
            config.put("ota.push.poll.interval.ms", "30000");
        }
        config.put("ota.job.ids", String.join(",", jobIds));
        config.put("topic.prefix", TOPIC_PREFIX);
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("topic.creation.default.replication.factor", "-1");
        config.put("topic.creation.default.partitions", "3");
        config.put("topic.creation.default.cleanup.policy", "compact");
        return config;
    }

    /**
     * Our own worker resolves {@code ${env:...}} itself, so the secret never enters Connect's REST API. An
     * existing worker may have no such provider: it gets what the variable holds, which may be a placeholder
     * for a provider it has.
     */
    private String secretForConnector() {
        if (!options.usesExistingCluster()) {
            return "${env:" + QuickstartOptions.ACCESS_KEY_SECRET_VARIABLE + "}";
        }
        String secret = options.accessKeySecret().orElseThrow();
        if (!secret.startsWith("${")) {
            say("note: the AccessKey secret goes into the connector's configuration as it is, and Connect's REST"
                    + " API shows it; put a ConfigProvider placeholder such as ${file:...} in "
                    + QuickstartOptions.ACCESS_KEY_SECRET_VARIABLE + " to avoid that");
        }
        return secret;
    }

    private Map<String, String> workerEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        options.accessKeySecret().ifPresent(secret ->
                environment.put(QuickstartOptions.ACCESS_KEY_SECRET_VARIABLE, secret));
        return environment;
    }

    private Path componentArchive() {
        String given = System.getProperty("otaconnect.quickstart.archive");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path packages = projectDir.resolve("target").resolve("components").resolve("packages");
        try (Stream<Path> zips = Files.isDirectory(packages) ? Files.list(packages) : Stream.empty()) {
            List<Path> found = new ArrayList<>(zips.filter(p -> p.getFileName().toString().endsWith(".zip")).toList());
            found.sort(Comparator.comparing(Quickstart::modified).reversed());
            if (found.isEmpty()) {
                throw new IllegalStateException("no component archive in " + packages
                        + ": build it with mvn -B package -DskipTests");
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private void announce(ChildProcess process) {
        say("started " + process.name() + " (pid " + process.pid() + ")");
    }

    private double secondsSinceStart() {
        return (System.currentTimeMillis() - startedAtMillis) / 1000.0;
    }

    private void say(String message) {
        out.println("quickstart: " + message);
        out.flush();
    }
}
