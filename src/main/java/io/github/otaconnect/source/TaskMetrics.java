package io.github.otaconnect.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.connect.source.SourceRecord;

import io.github.otaconnect.api.OtaApiException;

/**
 * One task's metrics: its jobs (followed, finished, partly observable, how stale each one's data is), its
 * scans, the records it handed to the worker by topic, and its API calls ({@link #apiCalls()}). Fed by the
 * scan loop's listener and the API client's listener; closing it removes every metric.
 */
final class TaskMetrics implements ScanLoop.ScanListener, AutoCloseable {

    static final String JOBS_FOLLOWED = "jobs-followed";
    static final String JOBS_FINISHED = "jobs-finished";
    static final String JOBS_PARTLY_OBSERVABLE = "jobs-partly-observable";
    static final String LAST_SUCCESSFUL_SCAN = "last-successful-scan-timestamp-ms";
    static final String SCANS_TOTAL = "scans-total";
    static final String SCAN_FAILURES_TOTAL = "scan-failures-total";
    static final String MALFORMED_ROWS_TOTAL = "malformed-rows-total";
    static final String RECORDS_EMITTED_TOTAL = "records-emitted-total";
    static final String JOB_STALENESS = "job-staleness-ms";

    private final Metrics metrics;
    private final Clock clock;
    private final Instant startedAt;
    private final ApiCallMetrics apiCalls;
    private final Map<String, JobView> jobs = new LinkedHashMap<>();
    private final Map<String, Sensor> recordsByTopic = new ConcurrentHashMap<>();
    private final Sensor scans;
    private final Sensor scanFailures;
    private final Sensor malformedRows;
    private volatile long lastSuccessfulScanMs = -1;
    private PushMetrics push;

    /** Written by the scan thread, read by JMX. */
    private static final class JobView {
        volatile Instant lastCompleteScanStart;
        volatile boolean finished;
        volatile boolean partlyObservable;
    }

    TaskMetrics(Metrics metrics, Clock clock, Collection<JobState> assigned, List<String> topics) {
        this.metrics = metrics;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.apiCalls = new ApiCallMetrics(metrics);
        for (JobState job : assigned) {
            JobView view = new JobView();
            view.finished = job.finished();
            jobs.put(job.jobId(), view);
            metrics.addMetric(metrics.metricName(JOB_STALENESS, MetricsExporter.GROUP,
                    "Milliseconds since the start of the last complete scan of this job (since the task started, "
                            + "before the first one); 0 once the job is finished",
                    MetricsExporter.tags("job", job.jobId())), (Gauge<Long>) (config, now) -> staleness(view));
        }
        gauge(JOBS_FOLLOWED, "Jobs assigned to this task that are not finished", v -> !v.finished);
        gauge(JOBS_FINISHED, "Jobs assigned to this task that are finished (final snapshot emitted)", v -> v.finished);
        gauge(JOBS_PARTLY_OBSERVABLE, "Jobs whose last scan could not read every task (fully_observable=false)",
                v -> v.partlyObservable && !v.finished);
        metrics.addMetric(metrics.metricName(LAST_SUCCESSFUL_SCAN, MetricsExporter.GROUP,
                "When the last successful scan of any job ended, in milliseconds since the epoch; -1 before the first"),
                (Gauge<Long>) (config, now) -> lastSuccessfulScanMs);
        scans = metrics.sensor("scans");
        scans.add(metrics.metricName(SCANS_TOTAL, MetricsExporter.GROUP, "Successful scans of jobs"),
                new CumulativeCount());
        scanFailures = metrics.sensor("scan-failures");
        scanFailures.add(metrics.metricName(SCAN_FAILURES_TOTAL, MetricsExporter.GROUP,
                "Scans that failed with an API error (retried later, or the job set aside)"), new CumulativeCount());
        malformedRows = metrics.sensor("malformed-rows");
        malformedRows.add(metrics.metricName(MALFORMED_ROWS_TOTAL, MetricsExporter.GROUP,
                "Task rows of successful scans that the API served malformed: skipped (no TaskId) or published "
                        + "with their unreadable fields null"), new CumulativeSum());
        topics.forEach(this::topicSensor);
    }

    /** Push metrics in the same registry, created on first use (push is opt-in). */
    synchronized PushMetrics push() {
        if (push == null) {
            push = new PushMetrics(metrics);
        }
        return push;
    }

    /** The listener to give the task's API client. */
    ApiCallMetrics apiCalls() {
        return apiCalls;
    }

    @Override
    public void scanned(JobState job, ScanOutcome outcome, Instant started, Duration duration) {
        JobView view = jobs.get(job.jobId());
        if (view != null) {
            if (outcome.complete()) {
                view.lastCompleteScanStart = started;
            }
            view.partlyObservable = !outcome.complete();
            view.finished = job.finished();
        }
        lastSuccessfulScanMs = started.plus(duration).toEpochMilli();
        scans.record();
        if (outcome.malformedRows() > 0) {
            malformedRows.record(outcome.malformedRows());
        }
    }

    @Override
    public void failed(JobState job, OtaApiException error) {
        scanFailures.record();
    }

    /** Counts the records of one poll() batch by topic. */
    void recordsEmitted(List<SourceRecord> batch) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SourceRecord record : batch) {
            counts.merge(record.topic(), 1, Integer::sum);
        }
        counts.forEach((topic, count) -> topicSensor(topic).record(count));
    }

    private Sensor topicSensor(String topic) {
        return recordsByTopic.computeIfAbsent(topic, t -> {
            Sensor sensor = metrics.sensor("records:" + t);
            sensor.add(metrics.metricName(RECORDS_EMITTED_TOTAL, MetricsExporter.GROUP,
                    "Records this task handed to the worker for this topic", MetricsExporter.tags("topic", t)),
                    new CumulativeSum());
            return sensor;
        });
    }

    private void gauge(String name, String description, Predicate<JobView> counted) {
        metrics.addMetric(metrics.metricName(name, MetricsExporter.GROUP, description),
                (Gauge<Integer>) (config, now) -> (int) jobs.values().stream().filter(counted).count());
    }

    private long staleness(JobView view) {
        if (view.finished) {
            return 0;
        }
        Instant since = view.lastCompleteScanStart != null ? view.lastCompleteScanStart : startedAt;
        return Math.max(0, Duration.between(since, clock.instant()).toMillis());
    }

    @Override
    public void close() {
        metrics.close();
    }
}
