package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.OtaJob;
import io.github.otaconnect.api.TaskStatus;

class RecordFactoryTest {

    private static final Instant NOW = Instant.parse("2024-05-06T08:00:00Z");

    private static OtaJob job() {
        return new OtaJob("job-1", "IN_PROGRESS", "UPGRADE_FIRMWARE", "STATIC", "ALL", null, null, null, null,
                List.of(), null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void everyKnownTaskStatusIsCountedInItsOwnFieldAndTheRestUnderOther() {
        Map<String, Long> counts = new LinkedHashMap<>();
        long n = 1;
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status.name(), n++);
        }
        counts.put("PAUSED_BY_VENDOR", 100L);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();

        Struct value = (Struct) new RecordFactory("ota.jobs", "ota.tasks").jobSnapshot(
                new JobPartition("job-1", null), Map.of(),
                new JobSnapshot(job(), total, counts, 0, false, "R", NOW)).value();

        Struct taskCounts = value.getStruct("task_counts");
        for (TaskStatus status : TaskStatus.values()) {
            String field = RecordFactory.countField(status);
            assertNotNull(RecordSchemas.TASK_COUNTS.field(field), "the schema counts " + status);
            assertEquals(counts.get(status.name()), taskCounts.getInt64(field), field);
        }
        assertEquals(Map.of("PAUSED_BY_VENDOR", 100L), taskCounts.getMap("other"));
        assertEquals(counts.get("FAILED") / (double) total, value.getFloat64("failure_ratio"));
    }
}
