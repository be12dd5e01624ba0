package io.github.otaconnect.quickstart;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OTA API simulator ({@code io.github.otaconnect.simulator.OtaApiSimulatorMain}) as a child process, running
 * its demo rollout on real time, and what it announces when it is ready: its endpoint and its jobs.
 */
final class SimulatorProcess {

    static final String MAIN_CLASS = "io.github.otaconnect.simulator.OtaApiSimulatorMain";
    /** The rollout's change rates times this: visible progress within a minute, still a believable rollout. */
    static final String SPEED = "2";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern ENDPOINT = Pattern.compile("^\\s+endpoint\\s+(\\S+)\\s*$");
    private static final String JOB_IDS = "job ids for a connector config:";

    /** What the simulator serves: its endpoint and its jobs, JobId to description, in its order. */
    record Rollout(URI endpoint, Map<String, String> jobs) {
    }

    private SimulatorProcess() {
    }

    /** Starts the simulator with this JVM's own classpath (the project's test classpath). */
    static ChildProcess start(ChildProcesses children, int devices) {
        // absolute: the child runs in the work folder
        List<String> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).toList();
        return children.start(new JavaCommand("ota-api-simulator", classpath,
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), MAIN_CLASS,
                List.of("--port", Integer.toString(FreePort.find()), "--devices", Integer.toString(devices),
                        "--speed", SPEED, "--status-every", "30"),
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
        return new Rollout(endpoint, jobs);
    }
}
