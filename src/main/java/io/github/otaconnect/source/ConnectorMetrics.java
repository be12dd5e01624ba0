package io.github.otaconnect.source;

import java.time.Clock;

import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;

import io.github.otaconnect.api.OtaApiException;

/**
 * The connector's own metrics: job discovery and the API calls of its background monitor (discovery and
 * job sizes), which the tasks' metrics do not see. Closing it removes every metric.
 */
final class ConnectorMetrics implements JobMonitor.DiscoveryListener, AutoCloseable {

    static final String JOBS_DISCOVERED = "jobs-discovered";
    static final String LAST_SUCCESSFUL_DISCOVERY = "last-successful-discovery-timestamp-ms";
    static final String DISCOVERY_FAILURES_TOTAL = "discovery-failures-total";

    private final Metrics metrics;
    private final Clock clock;
    private final ApiCallMetrics apiCalls;
    private final Sensor failures;
    private volatile int discovered = -1;
    private volatile long lastSuccessMs = -1;

    ConnectorMetrics(Metrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.apiCalls = new ApiCallMetrics(metrics);
        metrics.addMetric(metrics.metricName(JOBS_DISCOVERED, MetricsExporter.GROUP,
                "Jobs the last successful discovery found to follow (-1 before the first)"),
                (Gauge<Integer>) (config, now) -> discovered);
        metrics.addMetric(metrics.metricName(LAST_SUCCESSFUL_DISCOVERY, MetricsExporter.GROUP,
                "When the last successful discovery ended, in milliseconds since the epoch; -1 before the first"),
                (Gauge<Long>) (config, now) -> lastSuccessMs);
        failures = metrics.sensor("discovery-failures");
        failures.add(metrics.metricName(DISCOVERY_FAILURES_TOTAL, MetricsExporter.GROUP,
                "Discovery rounds that failed with an API error (the last known jobs are kept)"),
                new CumulativeCount());
    }

    /** The listener to give the monitor's API client. */
    ApiCallMetrics apiCalls() {
        return apiCalls;
    }

    @Override
    public void discovered(JobDiscovery.Result result) {
        discovered = result.jobIds().size();
        lastSuccessMs = clock.millis();
    }

    @Override
    public void failed(OtaApiException error) {
        failures.record();
    }

    @Override
    public void close() {
        metrics.close();
    }
}
