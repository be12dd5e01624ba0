package io.github.otaconnect.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.github.otaconnect.api.ClientSettings;
import io.github.otaconnect.api.Credentials;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaApiClient;
import io.github.otaconnect.simulator.ManualClock;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.Scenario;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.source.OtaSourceConnectorConfig.FinishedJobPolicy;
import io.github.otaconnect.source.OtaSourceConnectorConfig.StartMode;

/**
 * A job scanner wired to the OTA API simulator on a manual clock, through the real HTTP client: scans run
 * when the test says so, and the records they emit are kept in order for assertions.
 */
final class ScanFixture implements AutoCloseable {

    static final Duration LOOKBACK = Duration.ofSeconds(60);

    final ManualClock clock = new ManualClock();
    final OtaApiSimulator simulator;
    final OtaApi api;
    final List<SourceRecord> emitted = new ArrayList<>();
    int maxBufferedChanges = ScanSettings.DEFAULT_MAX_BUFFERED_CHANGES;
    ScanOutcome lastOutcome;
    private final RecordFactory records = new RecordFactory("ota.jobs", "ota.tasks");

    ScanFixture() {
        simulator = OtaApiSimulator.builder()
                .credentials("testid", "testsecret")
                .qpsPerAction(0)
                .clock(clock)
                .build()
                .start();
        api = new OtaApiClient(ClientSettings.builder()
                .endpoint(simulator.endpoint())
                .credentials(new Credentials("testid", "testsecret", null))
                .queriesPerSecond(10_000)
                .clock(clock.asClock())
                .maxAttempts(1)
                .build());
    }

    Scenario scenario() {
        return simulator.scenario();
    }

    ScanSettings settings(StartMode startMode) {
        return new ScanSettings(100, Duration.ofSeconds(10), Duration.ofMinutes(5), LOOKBACK, startMode,
                FinishedJobPolicy.STOP, 5_000, 50, maxBufferedChanges);
    }

    JobScanner scanner(StartMode startMode) {
        return scanner(api, startMode);
    }

    JobScanner scanner(OtaApi through, StartMode startMode) {
        return new JobScanner(through, records, settings(startMode), clock.asClock());
    }

    /** Scans once in start mode snapshot and returns the records of that scan. */
    List<SourceRecord> scan(JobState state) throws InterruptedException {
        return scan(scanner(StartMode.SNAPSHOT), state);
    }

    List<SourceRecord> scan(JobScanner scanner, JobState state) throws InterruptedException {
        List<SourceRecord> scanRecords = new ArrayList<>();
        lastOutcome = scanner.scan(state, scanRecords::addAll);
        emitted.addAll(scanRecords);
        return scanRecords;
    }

    static JobState freshState(String jobId) {
        return new JobState(new JobPartition(jobId, null), JobOffset.NONE, true);
    }

    /** The state a restarted task builds from the offset committed with {@code record}. */
    static JobState restartedFrom(SourceRecord record) {
        @SuppressWarnings("unchecked")
        Map<String, ?> offset = (Map<String, ?>) record.sourceOffset();
        String jobId = (String) record.sourcePartition().get("job_id");
        return new JobState(new JobPartition(jobId, null), JobOffset.fromMap(offset), true);
    }

    static List<SourceRecord> taskRecords(List<SourceRecord> records) {
        return records.stream().filter(r -> r.topic().equals("ota.tasks")).toList();
    }

    static List<SourceRecord> jobRecords(List<SourceRecord> records) {
        return records.stream().filter(r -> r.topic().equals("ota.jobs")).toList();
    }

    /** Task ID → the value of its latest record. */
    static Map<String, Struct> latestByTask(List<SourceRecord> records) {
        Map<String, Struct> latest = new HashMap<>();
        for (SourceRecord record : taskRecords(records)) {
            Struct value = (Struct) record.value();
            latest.put(value.getString("task_id"), value);
        }
        return latest;
    }

    /** A task state as "status/progress/utcModified", comparable between a record and the truth. */
    static String stateOf(Struct task) {
        Double progress = task.getFloat64("progress");
        return task.getString("task_status") + "/" + (progress == null ? "null" : progress.intValue()) + "/"
                + ((java.util.Date) task.get("utc_modified")).toInstant();
    }

    static String stateOf(TaskState truth) {
        return truth.taskStatus() + "/" + truth.progress() + "/" + truth.utcModified();
    }

    /** Differences between the latest records and the simulator's truth for one job (empty = converged). */
    List<String> divergence(String jobId, List<SourceRecord> records) {
        Map<String, Struct> latest = latestByTask(records);
        List<String> problems = new ArrayList<>();
        for (TaskState truth : scenario().truth(jobId).tasks()) {
            Struct record = latest.get(truth.taskId());
            if (record == null) {
                problems.add(truth.taskId() + ": never emitted, truth " + stateOf(truth));
            } else if (!stateOf(record).equals(stateOf(truth))) {
                problems.add(truth.taskId() + ": latest " + stateOf(record) + ", truth " + stateOf(truth));
            }
        }
        return problems;
    }

    @Override
    public void close() {
        api.close();
        simulator.close();
    }
}
