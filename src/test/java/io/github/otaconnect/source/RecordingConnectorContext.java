package io.github.otaconnect.source;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectorContext;

/** A connector context that records what the connector asks of the framework; no plugin metrics (as before 4.1). */
final class RecordingConnectorContext implements ConnectorContext {

    final AtomicInteger reconfigurations = new AtomicInteger();
    final List<Exception> errors = new CopyOnWriteArrayList<>();
    private final PluginMetrics pluginMetrics;

    RecordingConnectorContext() {
        this(null);
    }

    RecordingConnectorContext(PluginMetrics pluginMetrics) {
        this.pluginMetrics = pluginMetrics;
    }

    @Override
    public void requestTaskReconfiguration() {
        reconfigurations.incrementAndGet();
    }

    @Override
    public void raiseError(Exception e) {
        errors.add(e);
    }

    @Override
    public PluginMetrics pluginMetrics() {
        if (pluginMetrics == null) {
            throw new UnsupportedOperationException("no plugin metrics in this test");
        }
        return pluginMetrics;
    }
}
