package io.github.otaconnect.quickstart;

import io.github.otaconnect.simulator.OtaApiSimulatorMain;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OTA API simulator ({@code io.github.otaconnect.simulator.OtaApiSimulatorMain}) as a child process, running
 * its demo rollout on real time, and what it announces when it is ready: its endpoint, its jobs and, with push
 * on, the AMQP endpoint of its push broker.
 */
final class SimulatorProcess {

    static final String MAIN_CLASS = "io.github.otaconnect.simulator.OtaApiSimulatorMain";
    /** The rollout's change rates times this: visible progress within a minute, still a believable rollout. */
    static final String SPEED = "2";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern ENDPOINT = Pattern.compile("^\\s+endpoint\\s+(\\S+)\\s*$");
    private static final String JOB_IDS = "job ids for a connector config:";
    private static final Pattern PUSH_ENDPOINT = Pattern.compile("^\\s+push endpoint\\s+(\\S+)\\s*$");
    private static final Pattern PUSH_GROUP = Pattern.compile("^\\s+push group\\s+(\\S+)\\s*$");
    private static final Pattern PUSH_TRUSTSTORE = Pattern.compile("^\\s+push truststore\\s+(\\S+)\\s*$");
    private static final Pattern PUSH_PASSWORD = Pattern.compile("^\\s+push password\\s+(\\S+).*$");
    private static final Pattern PUSH_CLIENTS = Pattern.compile(
            "^" + Pattern.quote(OtaApiSimulatorMain.PUSH_CLIENTS) + "(\\S+) (\\d+)\\s*$");

    /**
     * What the simulator serves: its endpoint, its jobs (JobId to description, in its order) and its push
     * broker, if it runs one.
     */
    record Rollout(URI endpoint, Map<String, String> jobs, Optional<Push> push) {
    }

    /** The simulator's push broker: where a connector subscribes, as which group, trusting which certificate. */
    record Push(String endpoint, String consumerGroup, String trustStorePath, String trustStorePassword) {
    }

    private SimulatorProcess() {
    }

    /** Starts the simulator with this JVM's own classpath (the project's test classpath). */
    static ChildProcess start(ChildProcesses children, int devices, boolean push) {
        // absolute: the child runs in the work folder
        List<String> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).toList();
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(FreePort.find()),
                "--devices", Integer.toString(devices), "--speed", SPEED, "--status-every", "30"));
        if (!push) {
            arguments.add("--no-push");
        }
        return children.start(new JavaCommand("ota-api-simulator", classpath,
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), MAIN_CLASS, arguments,
                Map.of()));
    }

    /** Waits until the simulator serves, then reads its announcement. */
    static Rollout awaitRollout(ChildProcess simulator) {
        String idLine = simulator.awaitLogLine(line -> line.contains(JOB_IDS), "announcing its jobs", START_TIMEOUT);
        List<String> ids = Arrays.stream(idLine.substring(idLine.indexOf(JOB_IDS) + JOB_IDS.length()).split(","))
                .map(String::trim).filter(id -> !id.isEmpty()).toList();
        List<String> lines = simulator.logLines();
        URI endpoint = lines.stream().map(ENDPOINT::matcher).filter(Matcher::matches).findFirst()
                .map(match -> URI.create(match.group(1)))
                .orElseThrow(() -> new IllegalStateException("the simulator did not announce its endpoint; see "
                        + simulator.log()));
        Map<String, String> jobs = new LinkedHashMap<>();
        for (String id : ids) {
            String prefix = "    " + id + "  ";
            jobs.put(id, lines.stream().filter(line -> line.startsWith(prefix)).findFirst()
                    .map(line -> line.substring(prefix.length()).trim()).orElse(""));
        }
        Optional<Push> push = announced(lines, PUSH_ENDPOINT).map(pushEndpoint -> new Push(pushEndpoint,
                announced(lines, PUSH_GROUP).orElseThrow(), announced(lines, PUSH_TRUSTSTORE).orElseThrow(),
                announced(lines, PUSH_PASSWORD).orElseThrow()));
        return new Rollout(endpoint, jobs, push);
    }

    /** How many clients of its push group the simulator last reported connected; empty before its first report. */
    static OptionalInt pushClients(ChildProcess simulator) {
        List<String> lines = simulator.logLines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher match = PUSH_CLIENTS.matcher(lines.get(i));
            if (match.matches()) {
                return OptionalInt.of(Integer.parseInt(match.group(2)));
            }
        }
        return OptionalInt.empty();
    }

    private static Optional<String> announced(List<String> lines, Pattern pattern) {
        return lines.stream().map(pattern::matcher).filter(Matcher::matches).findFirst().map(m -> m.group(1));
    }
}
