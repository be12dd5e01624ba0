package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class JobOffsetTest {

    @Test
    void theLargestOffsetStaysUnder64KilobytesInTheOffsetsTopic() {
        long[] recent = new java.util.Random(7).longs(JobOffset.MAX_RECENT_STATES).toArray();
        JobOffset largest = new JobOffset(Instant.parse("2026-12-01T10:15:30Z"), recent, false, Long.MIN_VALUE, true);
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false"), false);
            byte[] value = converter.fromConnectData("ota", null, largest.toMap());
            assertTrue(value.length <= 64 * 1024, value.length + " bytes");
        }
    }

    @Test
    void roundTripsThroughItsMap() {
        JobOffset offset = new JobOffset(Instant.parse("2026-11-25T10:00:01Z"), new long[] {42L, -7L, Long.MAX_VALUE},
                false, 99L, true);

        JobOffset back = JobOffset.fromMap(offset.toMap());

        assertEquals(offset, back);
        assertTrue(back.remembers(-7L));
        assertFalse(back.remembers(8L));
    }

    @Test
    void survivesTheWorkersJsonOffsetSerialization() {
        // Workers store offsets with a schemaless JsonConverter: numbers come back as whatever width fits.
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        JobOffset offset = new JobOffset(Instant.ofEpochMilli(1_000L), new long[] {1L, 2L}, true, 5L, false);

        byte[] bytes = converter.fromConnectData("offsets", null, offset.toMap());
        @SuppressWarnings("unchecked")
        Map<String, ?> read = (Map<String, ?>) converter.toConnectData("offsets", bytes).value();

        assertEquals(offset, JobOffset.fromMap(read));
    }

    @Test
    void anEmptyOrMissingOffsetMeansNothingDelivered() {
        assertSame(JobOffset.NONE, JobOffset.fromMap(null));
        assertSame(JobOffset.NONE, JobOffset.fromMap(Map.of()));
        assertTrue(JobOffset.NONE.isNone());
    }

    @Test
    void refusesAFormatFromANewerVersionWithAnActionableMessage() {
        Map<String, Object> map = new HashMap<>(JobOffset.NONE.toMap());
        map.put("v", 2);

        ConnectException e = assertThrows(ConnectException.class, () -> JobOffset.fromMap(map));

        assertTrue(e.getMessage().contains("reset the connector's offsets"), e.getMessage());
    }

    @Test
    void refusesADamagedOffset() {
        Map<String, Object> map = new HashMap<>(JobOffset.NONE.toMap());
        map.put("recent", "not base64 of longs!");

        assertThrows(ConnectException.class, () -> JobOffset.fromMap(map));
    }
}
