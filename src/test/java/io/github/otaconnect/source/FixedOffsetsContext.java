package io.github.otaconnect.source;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A task context whose offset reader returns fixed committed offsets, as a worker's would. */
record FixedOffsetsContext(Map<String, String> configs,
                           Map<Map<String, Object>, Map<String, Object>> committed)
        implements SourceTaskContext {

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return committed.get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
                partitions.forEach(partition -> found.put(partition, committed.get(partition)));
                return found;
            }
        };
    }

    /** As on a worker older than 4.1: the connector falls back to its own metrics registry. */
    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        return null;
    }
}
