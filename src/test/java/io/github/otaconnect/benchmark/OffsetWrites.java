package io.github.otaconnect.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * What a task's offsets cost in the worker's offsets topic. Connect writes the latest offset of each source
 * partition at every offset commit; on a worker with exactly-once support (transaction boundary
 * {@code poll}) that is once per {@code poll()} batch. The scanner ends every chunk it hands over with a
 * freshly built offset, and a batch is one or more chunks, so one write per chunk is the most a worker
 * writes. Each write is serialized as the worker's offset store does it: the internal JSON converter
 * without schemas, key {@code [connector name, source partition]}, value the offset map. Counts key and
 * value bytes; the Kafka record's own overhead (headers, batch framing) is left out. Used by one thread.
 */
final class OffsetWrites {

    private final String connectorName;
    private final String taskTopic;
    private final JsonConverter keyConverter = converter(true);
    private final JsonConverter valueConverter = converter(false);
    private long writes;
    private long bytes;
    private long largest;
    private long taskRecords;

    OffsetWrites(String connectorName, String taskTopic) {
        this.connectorName = connectorName;
        this.taskTopic = taskTopic;
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), isKey);
        return converter;
    }

    /** One chunk as handed over: its last record's offset is the one a commit after it writes. */
    void accept(List<SourceRecord> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        for (SourceRecord record : chunk) {
            if (record.topic().equals(taskTopic)) {
                taskRecords++;
            }
        }
        SourceRecord last = chunk.get(chunk.size() - 1);
        byte[] key = keyConverter.fromConnectData(connectorName, null,
                Arrays.asList(connectorName, last.sourcePartition()));
        byte[] value = valueConverter.fromConnectData(connectorName, null, last.sourceOffset());
        long size = key.length + (value == null ? 0 : value.length);
        writes++;
        bytes += size;
        largest = Math.max(largest, size);
    }

    Summary summary() {
        return new Summary(writes, bytes, taskRecords,
                taskRecords == 0 ? null : FirstReadScenario.round(1000.0 * bytes / taskRecords), largest);
    }

    /**
     * @param bytesPer1000TaskRecords offset bytes written per 1,000 task records handed over; null without
     *                                task records
     * @param largestWriteBytes       the largest single offset record (key + value)
     */
    record Summary(long writes, long bytes, long taskRecords, Double bytesPer1000TaskRecords,
                   long largestWriteBytes) {
    }
}
