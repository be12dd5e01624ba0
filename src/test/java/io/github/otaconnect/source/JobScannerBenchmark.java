package io.github.otaconnect.source;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;

import io.github.otaconnect.api.ApiCallListener;
import io.github.otaconnect.api.OtaApi;

/**
 * The connector's scanning machinery as the benchmark runner ({@code io.github.otaconnect.benchmark}) drives
 * it: the real API client, {@link JobScanner} and {@link JobState} for the configured jobs, built from a
 * connector configuration the way {@link OtaSourceTask} builds them, and {@link JobAssignment} for sharing a
 * budget between tasks. Those classes are package-private; this is the one place to adapt when they change,
 * so the benchmark keeps measuring whatever the scanner has become.
 */
public final class JobScannerBenchmark implements AutoCloseable {

    private final OtaApi api;
    private final JobScanner scanner;
    private final String taskTopic;
    private final Map<String, JobState> jobs = new LinkedHashMap<>();

    /**
     * @param connectorProps a connector configuration ({@code ota.job.ids}, {@code ota.endpoint.url}, ...)
     * @param qpsPerAction   this scanner's budget per action, as a task gets its share
     * @param listener       sees every API attempt
     */
    public JobScannerBenchmark(Map<String, String> connectorProps, double qpsPerAction, ApiCallListener listener) {
        OtaSourceConnectorConfig config = new OtaSourceConnectorConfig(connectorProps);
        this.api = OtaApiFactory.create(config, qpsPerAction, listener);
        RecordFactory records = new RecordFactory(config.jobTopic(), config.taskTopic());
        this.taskTopic = config.taskTopic();
        this.scanner = new JobScanner(api, records, ScanSettings.from(config), Clock.systemUTC());
        boolean stopFinished = config.finishedJobPolicy() == OtaSourceConnectorConfig.FinishedJobPolicy.STOP;
        for (String jobId : config.jobIds()) {
            jobs.put(jobId, new JobState(new JobPartition(jobId, config.iotInstanceId()), JobOffset.NONE,
                    stopFinished));
        }
    }

    /** Receives a scan's records, one chunk (one future poll() batch) at a time, as the scanner hands them over. */
    public interface Sink {
        void accept(List<SourceRecord> chunk) throws InterruptedException;
    }

    /**
     * What one scan did, as the scanner counts it (its calls exclude the client's retries); {@code fullScan}
     * when it read the whole job rather than only what could have changed.
     */
    public record Scan(int calls, int changes, int records, boolean complete, boolean fullScan) {
    }

    /** One task's part of a budget: its jobs and its queries per second per action. */
    public record Share(List<String> jobIds, double qpsPerAction) {
    }

    public List<String> jobIds() {
        return List.copyOf(jobs.keySet());
    }

    public String taskTopic() {
        return taskTopic;
    }

    /** Scans one job once, now, whether it is due or not. */
    public Scan scan(String jobId, Sink sink) throws InterruptedException {
        ScanOutcome outcome = scanner.scan(job(jobId), sink::accept);
        return new Scan(outcome.calls(), outcome.changes(), outcome.recordsEmitted(), outcome.complete(),
                outcome.fullScan());
    }

    /** When the scanner wants to scan this job next. */
    public Instant nextScanAt(String jobId) {
        return job(jobId).nextScanAt();
    }

    /** The job's final snapshot was emitted: the task would not scan it again. */
    public boolean finished(String jobId) {
        return job(jobId).finished();
    }

    /** Tasks whose delivered state this scanner remembers, over all its jobs. */
    public long trackedTasks() {
        long sum = 0;
        for (JobState state : jobs.values()) {
            sum += state.trackedTasks();
        }
        return sum;
    }

    /** How the connector shares {@code budget} between {@code maxTasks} tasks, given each job's scan cost in calls. */
    public static List<Share> assign(List<String> jobIds, Map<String, Long> scanCosts, int maxTasks, double budget) {
        List<Share> shares = new ArrayList<>();
        for (JobAssignment.TaskShare share : JobAssignment.assign(jobIds, scanCosts, maxTasks, budget)) {
            shares.add(new Share(share.jobIds(), share.qpsPerAction()));
        }
        return shares;
    }

    @Override
    public void close() {
        api.close();
    }

    private JobState job(String jobId) {
        JobState state = jobs.get(jobId);
        if (state == null) {
            throw new IllegalArgumentException("job " + jobId + " is not one of " + jobs.keySet());
        }
        return state;
    }
}
