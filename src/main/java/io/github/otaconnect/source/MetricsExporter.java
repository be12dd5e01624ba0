package io.github.otaconnect.source;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the connector and each task a metrics registry of their own whose metrics show up in JMX under the
 * same names on every worker version: through the worker's plugin metrics where the worker has them
 * (Kafka 4.1+, KIP-877), else through a JMX reporter of our own with the same domain, type and tags
 * ({@code kafka.connect:type=plugins,connector=…[,task=…],…}). Closing the registry removes its metrics.
 *
 * <p>{@code pluginMetrics()} is looked up reflectively: on a 3.x worker the method and its return type do not
 * exist, and a direct call would fail to link.
 */
final class MetricsExporter {

    private static final Logger log = LoggerFactory.getLogger(MetricsExporter.class);
    /** The group (JMX {@code type}) the worker gives plugin metrics; the fallback uses it too. */
    static final String GROUP = "plugins";
    static final String JMX_DOMAIN = "kafka.connect";

    private MetricsExporter() {
    }

    static Metrics forTask(SourceTaskContext context, String connector, int task) {
        Object pluginMetrics = pluginMetrics(SourceTaskContext.class, context);
        return pluginMetrics != null ? throughWorker(pluginMetrics)
                : ownJmx(tags("connector", connector, "task", Integer.toString(task)));
    }

    static Metrics forConnector(ConnectorContext context, String connector) {
        Object pluginMetrics = pluginMetrics(ConnectorContext.class, context);
        return pluginMetrics != null ? throughWorker(pluginMetrics) : ownJmx(tags("connector", connector));
    }

    /** The worker adds the connector and task tags itself. */
    static Metrics throughWorker(Object pluginMetrics) {
        MetricsReporter bridge = PluginMetricsBridge.to(pluginMetrics);
        return new Metrics(new MetricConfig(), List.of(bridge), Time.SYSTEM);
    }

    /** For workers before 4.1: the same MBean names, registered by a reporter of our own. */
    static Metrics ownJmx(LinkedHashMap<String, String> tags) {
        JmxReporter jmx = new JmxReporter();
        // Every Metrics registry counts its metrics under kafka-metrics-count; the worker's own registry
        // already holds that MBean name in this domain.
        jmx.configure(Map.of(JmxReporter.EXCLUDE_CONFIG, ".*type=kafka-metrics-count.*"));
        return new Metrics(new MetricConfig().tags(tags), List.of(jmx), Time.SYSTEM,
                new KafkaMetricsContext(JMX_DOMAIN));
    }

    /** Tags in the order given, which is their order in the MBean name. */
    static LinkedHashMap<String, String> tags(String... keysAndValues) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tags.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return tags;
    }

    private static Object pluginMetrics(Class<?> contextType, Object context) {
        if (context == null) {
            return null;
        }
        try {
            return contextType.getMethod("pluginMetrics").invoke(context);
        } catch (NoSuchMethodException e) {
            log.debug("This worker has no plugin metrics (Kafka Connect before 4.1); registering the connector's "
                    + "metrics with an own JMX reporter");
            return null;
        } catch (InvocationTargetException | IllegalAccessException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            log.debug("The worker's plugin metrics are not available ({}); registering the connector's metrics with "
                    + "an own JMX reporter", String.valueOf(cause));
            return null;
        }
    }
}
