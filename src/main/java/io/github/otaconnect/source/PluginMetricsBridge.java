package io.github.otaconnect.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors the metrics of one of our registries into the worker's {@link PluginMetrics} (Kafka 4.1+), which
 * publishes them with the connector's and task's tags. Loaded only on such workers: this is the one class
 * that names {@code PluginMetrics}.
 */
final class PluginMetricsBridge implements MetricsReporter {

    private static final Logger log = LoggerFactory.getLogger(PluginMetricsBridge.class);

    private final PluginMetrics target;
    private final Map<MetricName, MetricName> mirrored = new ConcurrentHashMap<>();

    private PluginMetricsBridge(PluginMetrics target) {
        this.target = target;
    }

    static MetricsReporter to(Object pluginMetrics) {
        return new PluginMetricsBridge((PluginMetrics) pluginMetrics);
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
        metrics.forEach(this::metricChange);
    }

    @Override
    public void metricChange(KafkaMetric metric) {
        MetricName ours = metric.metricName();
        if (!MetricsExporter.GROUP.equals(ours.group()) || mirrored.containsKey(ours)) {
            return;
        }
        try {
            MetricName theirs = target.metricName(ours.name(), ours.description(), new LinkedHashMap<>(ours.tags()));
            target.addMetric(theirs, (Gauge<Object>) (config, now) -> metric.metricValue());
            mirrored.put(ours, theirs);
        } catch (RuntimeException e) {
            // The worker closes a task's plugin metrics after stop(); a late registration must not fail the task.
            log.debug("Could not publish metric {} through the worker: {}", ours, e.toString());
        }
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
        MetricName theirs = mirrored.remove(metric.metricName());
        if (theirs != null) {
            remove(theirs);
        }
    }

    @Override
    public void close() {
        mirrored.values().forEach(this::remove);
        mirrored.clear();
    }

    private void remove(MetricName theirs) {
        try {
            target.removeMetric(theirs);
        } catch (RuntimeException e) {
            log.debug("Could not remove metric {} from the worker: {}", theirs, e.toString());
        }
    }
}
