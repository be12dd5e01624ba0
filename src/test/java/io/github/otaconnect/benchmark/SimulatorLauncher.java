package io.github.otaconnect.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.JobTruth;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.SimClock;
import io.github.otaconnect.simulator.TaskStatus;

/**
 * The simulator in a JVM of its own, so that a scanner's heap can be measured without the simulator's:
 * builds one job that a status split can read in full, prints {@code READY <endpoint> <jobId> <counts>},
 * serves until its stdin says {@code stop} (or closes), then prints {@code CALLS <json>} and exits.
 *
 * <p>The API lists at most 100,000 rows per listing, so a job is fully readable only while no status holds
 * more than that. The tasks are spread evenly over the seven statuses the connector lists
 * (QUEUED, NOTIFIED, CONFIRM, IN_PROGRESS, FAILED, SUCCEEDED, CANCELED), which makes 700,000 tasks the most
 * that can be read in full; the job holds still, so the counts stay where they are.
 *
 * <pre>SimulatorLauncher --tasks 690000 [--qps 0] [--seed 1]</pre>
 */
public final class SimulatorLauncher {

    static final List<TaskStatus> LISTED_STATUSES = List.of(TaskStatus.QUEUED, TaskStatus.NOTIFIED,
            TaskStatus.CONFIRM, TaskStatus.IN_PROGRESS, TaskStatus.FAILED, TaskStatus.SUCCEEDED,
            TaskStatus.CANCELED);

    private SimulatorLauncher() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new TreeMap<>(Map.of("tasks", "690000", "qps", "0", "seed", "1"));
        for (int k = 0; k + 1 < args.length; k += 2) {
            options.put(args[k].replaceFirst("^--", ""), args[k + 1]);
        }
        int tasks = Integer.parseInt(options.get("tasks"));
        OtaApiSimulator simulator = OtaApiSimulator.builder()
                .credentials(SimulatedVendor.ACCESS_KEY_ID, SimulatedVendor.ACCESS_KEY_SECRET)
                .qpsPerAction(Integer.parseInt(options.get("qps")))
                .clock(SimClock.system())
                .seed(Long.parseLong(options.get("seed")))
                .build();
        String jobId = simulator.scenario().addJob(evenlySpread(tasks, Long.parseLong(options.get("seed"))));
        simulator.start();
        JobTruth truth = simulator.scenario().truth(jobId);
        ObjectMapper json = new ObjectMapper();
        System.out.println("READY " + simulator.endpoint() + " " + jobId + " "
                + json.writeValueAsString(truth.countByStatus()));
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.trim().equals("stop")) {
                // keep serving
            }
        }
        System.out.println("CALLS " + json.writeValueAsString(simulator.counters().snapshot().asMap()));
        System.out.flush();
        simulator.close();
        System.exit(0);
    }

    /** Tasks spread evenly over the listed statuses (QUEUED takes what the mix leaves), frozen. */
    static JobSpec evenlySpread(int tasks, long seed) {
        JobSpec.Builder spec = JobSpec.upgrade().taskCount(tasks).history(Duration.ofDays(3)).changeRate(0)
                .seed(seed);
        double share = 1.0 / LISTED_STATUSES.size();
        for (TaskStatus status : LISTED_STATUSES) {
            if (status != TaskStatus.QUEUED) {
                spec.initially(status, share);
            }
        }
        return spec.build();
    }
}
