package io.github.otaconnect.benchmark;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import io.github.otaconnect.source.OtaSourceTask;

/**
 * One connector task run as a worker runs it, minus Kafka: a thread calls {@code poll()} in a loop, hands
 * each batch over the moment it comes out of the task's queue, then reports every record delivered (which
 * acknowledges pushed messages). No committed offsets: the task starts with a first read.
 */
final class PolledTask implements AutoCloseable {

    private final OtaSourceTask task = new OtaSourceTask();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile Throwable failure;

    PolledTask(String name, Map<String, String> props, Consumer<List<SourceRecord>> out) {
        task.initialize(new NoOffsets(props));
        task.start(props);
        poller = new Thread(() -> {
            try {
                while (running) {
                    List<SourceRecord> batch = task.poll();
                    if (batch != null) {
                        out.accept(batch);
                        batch.forEach(record -> task.commitRecord(record, null));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
        }, "poll-" + name);
        poller.setDaemon(true);
        poller.start();
    }

    /** What stopped the poll loop, or null. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(10_000);
        task.stop();
    }

    private record NoOffsets(Map<String, String> configs) implements SourceTaskContext {
        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return null;
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    return Map.of();
                }
            };
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
