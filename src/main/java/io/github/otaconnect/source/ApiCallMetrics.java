package io.github.otaconnect.source;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.WindowedCount;

import io.github.otaconnect.api.ApiCallListener;
import io.github.otaconnect.api.OtaApiException;

/**
 * The API client's calls as metrics: every attempt by action and outcome, and per action the call rate,
 * latency, throttled calls and retries. Metrics of an action appear with its first call. Thread-safe.
 */
final class ApiCallMetrics implements ApiCallListener {

    static final String CALLS_TOTAL = "api-calls-total";
    static final String CALL_RATE = "api-call-rate";
    static final String LATENCY_AVG = "api-call-latency-avg-ms";
    static final String LATENCY_MAX = "api-call-latency-max-ms";
    static final String THROTTLED_TOTAL = "api-throttled-total";
    static final String RETRIES_TOTAL = "api-retries-total";
    /** The outcome label of {@link io.github.otaconnect.api.ThrottledException}. */
    private static final String THROTTLED = "throttled";

    private final Metrics metrics;
    private final Map<String, Sensor> callsByOutcome = new ConcurrentHashMap<>();
    private final Map<String, ActionSensors> byAction = new ConcurrentHashMap<>();

    ApiCallMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    private record ActionSensors(Sensor calls, Sensor throttled, Sensor retries) {
    }

    @Override
    public void onCall(String action, String outcome, Duration latency) {
        ActionSensors sensors = sensors(action);
        sensors.calls().record(latency.toNanos() / 1_000_000.0);
        if (THROTTLED.equals(outcome)) {
            sensors.throttled().record();
        }
        callsByOutcome.computeIfAbsent(action + "|" + outcome, key -> {
            Sensor sensor = metrics.sensor("api-calls:" + key);
            sensor.add(metrics.metricName(CALLS_TOTAL, MetricsExporter.GROUP,
                    "API calls (HTTP attempts, retries included) of this action with this outcome",
                    MetricsExporter.tags("action", action, "outcome", outcome)), new CumulativeCount());
            return sensor;
        }).record();
    }

    @Override
    public void onRetry(String action, OtaApiException cause, Duration backoff) {
        sensors(action).retries().record();
    }

    private ActionSensors sensors(String action) {
        return byAction.computeIfAbsent(action, a -> {
            Map<String, String> tags = MetricsExporter.tags("action", a);
            Sensor calls = metrics.sensor("api-call:" + a);
            calls.add(metrics.metricName(CALL_RATE, MetricsExporter.GROUP,
                    "API calls of this action per second, retries included", tags),
                    new Rate(TimeUnit.SECONDS, new WindowedCount()));
            calls.add(metrics.metricName(LATENCY_AVG, MetricsExporter.GROUP,
                    "Average time of one API call of this action, in milliseconds", tags), new Avg());
            calls.add(metrics.metricName(LATENCY_MAX, MetricsExporter.GROUP,
                    "Longest API call of this action, in milliseconds", tags), new Max());
            Sensor throttled = metrics.sensor("api-throttled:" + a);
            throttled.add(metrics.metricName(THROTTLED_TOTAL, MetricsExporter.GROUP,
                    "API calls of this action the vendor refused for its rate limit", tags), new CumulativeCount());
            Sensor retries = metrics.sensor("api-retries:" + a);
            retries.add(metrics.metricName(RETRIES_TOTAL, MetricsExporter.GROUP,
                    "Retries of this action after a transient failure", tags), new CumulativeCount());
            return new ActionSensors(calls, throttled, retries);
        });
    }
}
