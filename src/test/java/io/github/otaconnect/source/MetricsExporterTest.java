package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

class MetricsExporterTest {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    /** A task context of a 4.1+ worker, or of an older one when {@code pluginMetrics} is null. */
    private record TaskContext(PluginMetrics pluginMetrics) implements SourceTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return null;
        }

        @Override
        public PluginMetrics pluginMetrics() {
            if (pluginMetrics == null) {
                throw new UnsupportedOperationException("an older worker");
            }
            return pluginMetrics;
        }
    }

    private static TaskMetrics taskMetrics(Metrics registry) {
        return new TaskMetrics(registry, Clock.systemUTC(), List.of(ScanFixture.freshState("job-0001")),
                List.of("ota.jobs", "ota.tasks"));
    }

    @Test
    void onA41WorkerTheMetricsGoThroughThePluginMetricsWithTheWorkersTags() throws Exception {
        Metrics worker = new Metrics();
        PluginMetricsImpl pluginMetrics = new PluginMetricsImpl(worker,
                MetricsExporter.tags("connector", "ota-source", "task", "2"));
        TaskMetrics metrics = taskMetrics(MetricsExporter.forTask(new TaskContext(pluginMetrics), "ota-source", 2));
        metrics.apiCalls().onCall("QueryOTAJob", "success", Duration.ofMillis(3));

        MetricName calls = new MetricName(ApiCallMetrics.CALLS_TOTAL, "plugins", "", MetricsExporter.tags(
                "connector", "ota-source", "task", "2", "action", "QueryOTAJob", "outcome", "success"));
        KafkaMetric mirrored = worker.metric(calls);
        assertNotNull(mirrored, "published as " + calls + "; the worker has " + worker.metrics().keySet());
        assertEquals(1.0, mirrored.metricValue());
        assertNotNull(worker.metric(new MetricName(TaskMetrics.JOB_STALENESS, "plugins", "",
                MetricsExporter.tags("connector", "ota-source", "task", "2", "job", "job-0001"))));

        metrics.close();

        assertTrue(worker.metrics().keySet().stream().noneMatch(n -> n.group().equals("plugins")),
                "closing removes every metric: " + worker.metrics().keySet());
        pluginMetrics.close();
        worker.close();
    }

    @Test
    void onAnOlderWorkerAnOwnJmxReporterRegistersTheSameMBeanNames() throws Exception {
        TaskMetrics metrics = taskMetrics(MetricsExporter.forTask(new TaskContext(null), "fallback-test", 3));
        metrics.apiCalls().onCall("ListOTATaskByJob", "throttled", Duration.ofMillis(3));

        ObjectName task = new ObjectName("kafka.connect:type=plugins,connector=fallback-test,task=3");
        ObjectName calls = new ObjectName("kafka.connect:type=plugins,connector=fallback-test,task=3,"
                + "action=ListOTATaskByJob,outcome=throttled");
        assertEquals(1, JMX.getAttribute(task, TaskMetrics.JOBS_FOLLOWED));
        assertEquals(1.0, JMX.getAttribute(calls, ApiCallMetrics.CALLS_TOTAL));

        metrics.close();

        assertFalse(JMX.isRegistered(task));
        assertFalse(JMX.isRegistered(calls));
        assertTrue(JMX.queryNames(new ObjectName("kafka.connect:type=plugins,connector=fallback-test,*"), null)
                .isEmpty());
    }

    @Test
    void theConnectorsMetricsCarryOnlyTheConnectorTag() throws Exception {
        ConnectorMetrics metrics = new ConnectorMetrics(MetricsExporter.forConnector(new RecordingConnectorContext(),
                "connector-level-test"), Clock.systemUTC());
        metrics.apiCalls().onCall("ListOTAFirmware", "success", Duration.ofMillis(3));

        ObjectName connector = new ObjectName("kafka.connect:type=plugins,connector=connector-level-test");
        assertEquals(-1, JMX.getAttribute(connector, ConnectorMetrics.JOBS_DISCOVERED));
        metrics.discovered(new JobDiscovery.Result(List.of("job-0001", "job-0002"), 1, 2, 0));
        assertEquals(2, JMX.getAttribute(connector, ConnectorMetrics.JOBS_DISCOVERED));
        assertEquals(1.0, JMX.getAttribute(new ObjectName("kafka.connect:type=plugins,connector=connector-level-test,"
                + "action=ListOTAFirmware,outcome=success"), ApiCallMetrics.CALLS_TOTAL));

        metrics.close();

        assertFalse(JMX.isRegistered(connector));
    }
}
