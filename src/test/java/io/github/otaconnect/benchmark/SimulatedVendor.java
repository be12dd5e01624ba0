package io.github.otaconnect.benchmark;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.otaconnect.simulator.CallCounts;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.RecordedCall;
import io.github.otaconnect.simulator.Scenario;
import io.github.otaconnect.simulator.SimClock;

/**
 * The OTA API simulator on loopback with its real clock and the vendor's per-action limit, as one account
 * that every client of a scenario shares, plus the connector configuration that points at it.
 */
final class SimulatedVendor implements AutoCloseable {

    static final String ACCESS_KEY_ID = "benchmark-key";
    static final String ACCESS_KEY_SECRET = "benchmark-secret";
    /** A second account with a quota of its own, for a reader that must not share the connector's. */
    static final String OTHER_ACCESS_KEY_ID = "benchmark-other-key";
    static final String OTHER_ACCESS_KEY_SECRET = "benchmark-other-secret";

    private final OtaApiSimulator simulator;

    /** @param qpsPerAction the simulator's limit per action (0 = none) */
    SimulatedVendor(int qpsPerAction, long seed) {
        this(qpsPerAction, seed, 1000);
    }

    /** @param callLogSize how many of the latest calls {@link #recentCalls()} keeps */
    SimulatedVendor(int qpsPerAction, long seed, int callLogSize) {
        simulator = OtaApiSimulator.builder()
                .callLogSize(callLogSize)
                .credentials(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
                .credentials(OTHER_ACCESS_KEY_ID, OTHER_ACCESS_KEY_SECRET)
                .qpsPerAction(qpsPerAction)
                .clock(SimClock.system())
                .seed(seed)
                .threads(8)
                .build()
                .start();
    }

    /**
     * A job that has been running for three days: {@code terminalFraction} of its tasks are over, the rest
     * are active; {@code changeRate} 0 leaves their evolution to a {@link TaskChurn}.
     */
    static JobSpec runningJob(int tasks, double terminalFraction, double changeRate, long seed) {
        return JobSpec.upgrade().taskCount(tasks).alreadyTerminal(terminalFraction).history(Duration.ofDays(3))
                .changeRate(changeRate).seed(seed).build();
    }

    String addJob(JobSpec spec) {
        return simulator.scenario().addJob(spec);
    }

    /** The simulator itself, for vendor endpoints that watch it (the push fixture). */
    OtaApiSimulator simulator() {
        return simulator;
    }

    /** The latest calls, oldest first, with their parameters. */
    List<RecordedCall> recentCalls() {
        return simulator.recentCalls();
    }

    Scenario scenario() {
        return simulator.scenario();
    }

    URI endpoint() {
        return simulator.endpoint();
    }

    /** Every call the simulator answered so far, by action and outcome (throttled calls included). */
    CallCount calls() {
        CallCounts counts = simulator.counters().snapshot();
        return new CallCount(counts.asMap());
    }

    /** Bytes the simulator's jobs hold: part of this JVM's heap that is not the scanner's. */
    long footprintBytes() {
        return simulator.scenario().footprintBytes();
    }

    Map<String, String> connectorProps(List<String> jobIds, BenchmarkOptions options) {
        return connectorProps(endpoint(), jobIds, options.pageSize(), options.pollInterval());
    }

    /** A connector configuration for these jobs at this endpoint; everything else keeps the connector's default. */
    static Map<String, String> connectorProps(URI endpoint, List<String> jobIds, int pageSize, Duration pollInterval) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ota.endpoint.url", endpoint.toString());
        props.put("ota.access.key.id", ACCESS_KEY_ID);
        props.put("ota.access.key.secret", ACCESS_KEY_SECRET);
        props.put("ota.job.ids", String.join(",", jobIds));
        props.put("ota.page.size", Integer.toString(pageSize));
        props.put("poll.interval.ms", Long.toString(pollInterval.toMillis()));
        return props;
    }

    @Override
    public void close() {
        simulator.close();
    }
}
