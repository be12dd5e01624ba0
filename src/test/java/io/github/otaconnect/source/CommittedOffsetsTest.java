package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

class CommittedOffsetsTest {

    private static final JobPartition PARTITION = new JobPartition("job-1", "iot-instance-1");
    private static final JobOffset EARLIER = new JobOffset(Instant.parse("2026-01-01T00:00:00Z"), new long[] {1}, true,
            11L, false);
    private static final JobOffset LATER = new JobOffset(Instant.parse("2026-01-01T00:05:00Z"), new long[] {2}, true,
            12L, false);

    @Test
    void readsTheOffsetUnderTheCurrentKeyOrder() {
        ByteKeyedOffsets store = new ByteKeyedOffsets();
        store.commit(PARTITION.toMap(), EARLIER);
        assertEquals(EARLIER, CommittedOffsets.read(store, List.of(PARTITION)).get(PARTITION));
    }

    @Test
    void findsAnOffsetThatOnlyExistsUnderTheLegacyKeyOrder() {
        ByteKeyedOffsets store = new ByteKeyedOffsets();
        store.commit(PARTITION.legacyKeyOrder().orElseThrow(), EARLIER);
        assertEquals(EARLIER, CommittedOffsets.read(store, List.of(PARTITION)).get(PARTITION));
    }

    @Test
    void resumesFromTheMoreAdvancedOfBothOrders() {
        ByteKeyedOffsets legacyAhead = new ByteKeyedOffsets();
        legacyAhead.commit(PARTITION.toMap(), EARLIER);
        legacyAhead.commit(PARTITION.legacyKeyOrder().orElseThrow(), LATER);
        assertEquals(LATER, CommittedOffsets.read(legacyAhead, List.of(PARTITION)).get(PARTITION));

        ByteKeyedOffsets currentAhead = new ByteKeyedOffsets();
        currentAhead.commit(PARTITION.toMap(), LATER);
        currentAhead.commit(PARTITION.legacyKeyOrder().orElseThrow(), EARLIER);
        assertEquals(LATER, CommittedOffsets.read(currentAhead, List.of(PARTITION)).get(PARTITION));
    }

    @Test
    void aFinishedJobStaysFinishedWhicheverOrderHoldsIt() {
        JobOffset finished = new JobOffset(LATER.watermark(), new long[0], true, 13L, true);
        ByteKeyedOffsets store = new ByteKeyedOffsets();
        store.commit(PARTITION.toMap(), LATER);
        store.commit(PARTITION.legacyKeyOrder().orElseThrow(), finished);
        assertEquals(finished, CommittedOffsets.read(store, List.of(PARTITION)).get(PARTITION));
    }

    @Test
    void aJobWithoutOffsetsStartsFromNothing() {
        JobPartition single = new JobPartition("job-2", null);
        ByteKeyedOffsets store = new ByteKeyedOffsets();
        Map<JobPartition, JobOffset> offsets = CommittedOffsets.read(store, List.of(PARTITION, single));
        assertEquals(JobOffset.NONE, offsets.get(PARTITION));
        assertEquals(JobOffset.NONE, offsets.get(single));
    }

    /** Like Connect's offset store: offsets are found by the serialized bytes of the partition. */
    private static final class ByteKeyedOffsets implements OffsetStorageReader {
        private final Map<ByteBuffer, Map<String, Object>> stored = new HashMap<>();
        private final JsonConverter converter = new JsonConverter();

        ByteKeyedOffsets() {
            converter.configure(Map.of("schemas.enable", "false"), true);
        }

        void commit(Map<String, Object> partition, JobOffset offset) {
            stored.put(key(partition), offset.toMap());
        }

        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return stored.get(key(partition));
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
            for (Map<String, T> partition : partitions) {
                Map<String, Object> offset = stored.get(key(partition));
                if (offset != null) {
                    found.put(partition, offset);
                }
            }
            return found;
        }

        private ByteBuffer key(Map<String, ?> partition) {
            byte[] bytes = converter.fromConnectData("ota", null, List.of("ota", partition));
            return ByteBuffer.wrap(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        }
    }
}
