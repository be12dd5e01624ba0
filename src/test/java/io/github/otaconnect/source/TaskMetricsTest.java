package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.RetriableApiException;
import io.github.otaconnect.simulator.ManualClock;

class TaskMetricsTest {

    private final ManualClock clock = new ManualClock();
    private final Metrics registry = new Metrics();
    private final JobState small = ScanFixture.freshState("job-small");
    private final JobState huge = ScanFixture.freshState("job-huge");
    private final TaskMetrics metrics = new TaskMetrics(registry, clock.asClock(), List.of(small, huge),
            List.of("ota.jobs", "ota.tasks"));

    @AfterEach
    void close() {
        metrics.close();
    }

    private Object value(String name, String... tags) {
        MetricName metricName = registry.metricName(name, MetricsExporter.GROUP, "", MetricsExporter.tags(tags));
        return registry.metric(metricName) == null ? null : registry.metric(metricName).metricValue();
    }

    private double number(String name, String... tags) {
        return ((Number) value(name, tags)).doubleValue();
    }

    @Test
    void apiCallsAreCountedByActionAndOutcomeWithThrottlingRetriesAndLatency() {
        ApiCallMetrics calls = metrics.apiCalls();
        calls.onCall("QueryOTAJob", "success", Duration.ofMillis(20));
        calls.onCall("QueryOTAJob", "success", Duration.ofMillis(40));
        calls.onCall("ListOTATaskByJob", "throttled", Duration.ofMillis(5));
        calls.onRetry("ListOTATaskByJob", new RetriableApiException("ListOTATaskByJob", "Throttling", null, 400,
                "throttled", null), Duration.ofSeconds(1));
        calls.onCall("ListOTATaskByJob", "success", Duration.ofMillis(100));

        assertEquals(2.0, number(ApiCallMetrics.CALLS_TOTAL, "action", "QueryOTAJob", "outcome", "success"));
        assertEquals(1.0, number(ApiCallMetrics.CALLS_TOTAL, "action", "ListOTATaskByJob", "outcome", "throttled"));
        assertEquals(1.0, number(ApiCallMetrics.CALLS_TOTAL, "action", "ListOTATaskByJob", "outcome", "success"));
        assertEquals(1.0, number(ApiCallMetrics.THROTTLED_TOTAL, "action", "ListOTATaskByJob"));
        assertEquals(0.0, number(ApiCallMetrics.THROTTLED_TOTAL, "action", "QueryOTAJob"));
        assertEquals(1.0, number(ApiCallMetrics.RETRIES_TOTAL, "action", "ListOTATaskByJob"));
        assertEquals(30.0, number(ApiCallMetrics.LATENCY_AVG, "action", "QueryOTAJob"), 1e-9);
        assertEquals(100.0, number(ApiCallMetrics.LATENCY_MAX, "action", "ListOTATaskByJob"), 1e-9);
        assertTrue(number(ApiCallMetrics.CALL_RATE, "action", "QueryOTAJob") > 0);
    }

    @Test
    void jobCountsFollowTheScans() {
        assertEquals(2, value(TaskMetrics.JOBS_FOLLOWED));
        assertEquals(0, value(TaskMetrics.JOBS_FINISHED));
        assertEquals(-1L, value(TaskMetrics.LAST_SUCCESSFUL_SCAN));

        Instant started = clock.now();
        clock.advanceSeconds(2);
        metrics.scanned(huge, new ScanOutcome(1002, 0, 1, false, false), started, Duration.ofSeconds(2));
        metrics.scanned(small, new ScanOutcome(2, 3, 4, true, false), clock.now(), Duration.ZERO);
        metrics.failed(small, new RetriableApiException("QueryOTAJob", null, null, 503, "unavailable", null));

        assertEquals(2, value(TaskMetrics.JOBS_FOLLOWED));
        assertEquals(1, value(TaskMetrics.JOBS_PARTLY_OBSERVABLE));
        assertEquals(clock.millis(), value(TaskMetrics.LAST_SUCCESSFUL_SCAN));
        assertEquals(2.0, number(TaskMetrics.SCANS_TOTAL));
        assertEquals(1.0, number(TaskMetrics.SCAN_FAILURES_TOTAL));
    }

    @Test
    void malformedRowsAreCountedOverTheScans() {
        assertEquals(0.0, number(TaskMetrics.MALFORMED_ROWS_TOTAL));
        metrics.scanned(small, new ScanOutcome(3, 0, 0, true, false, 2), clock.now(), Duration.ZERO);
        metrics.scanned(huge, new ScanOutcome(3, 0, 0, true, false), clock.now(), Duration.ZERO);
        metrics.scanned(small, new ScanOutcome(3, 0, 0, true, false, 5), clock.now(), Duration.ZERO);
        assertEquals(7.0, number(TaskMetrics.MALFORMED_ROWS_TOTAL));
    }

    @Test
    void stalenessCountsFromTheStartOfTheLastCompleteScan() {
        clock.advanceSeconds(30);
        assertEquals(30_000L, value(TaskMetrics.JOB_STALENESS, "job", "job-small"),
                "before the first complete scan: since the task started");

        Instant started = clock.now();
        clock.advanceSeconds(5);
        metrics.scanned(small, new ScanOutcome(2, 0, 0, true, false), started, Duration.ofSeconds(5));
        metrics.scanned(huge, new ScanOutcome(2, 0, 0, false, false), started, Duration.ofSeconds(5));
        clock.advanceSeconds(10);

        assertEquals(15_000L, value(TaskMetrics.JOB_STALENESS, "job", "job-small"));
        assertEquals(45_000L, value(TaskMetrics.JOB_STALENESS, "job", "job-huge"),
                "an incomplete scan does not make the data fresher");
    }

    @Test
    void recordsAreCountedByTopic() {
        assertEquals(0.0, number(TaskMetrics.RECORDS_EMITTED_TOTAL, "topic", "ota.tasks"));

        metrics.recordsEmitted(List.of(record("ota.tasks"), record("ota.tasks"), record("ota.jobs")));
        metrics.recordsEmitted(Collections.nCopies(3, record("ota.tasks")));

        assertEquals(5.0, number(TaskMetrics.RECORDS_EMITTED_TOTAL, "topic", "ota.tasks"));
        assertEquals(1.0, number(TaskMetrics.RECORDS_EMITTED_TOTAL, "topic", "ota.jobs"));
    }

    private static SourceRecord record(String topic) {
        return new SourceRecord(Map.of("job_id", "job-small"), Map.of(), topic, null, "value");
    }
}
