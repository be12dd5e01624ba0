package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.OtaTask;

/**
 * What the index of one job promises the scans: the last delivered state's fingerprint and status per task,
 * the delivered tasks counted by that status, and for the tasks that can still change (not SUCCEEDED or
 * CANCELED) what a re-read by name and the retry window need.
 */
class TaskIndexTest {

    private static final Instant MODIFIED = Instant.parse("2024-05-06T08:00:00Z");

    private final TaskIndex index = new TaskIndex();

    private static OtaTask task(String taskId, String deviceName, String status, Instant modified) {
        return new OtaTask(taskId, "job-1", "iot-" + taskId, deviceName, "a1Prod", "Meter", "fw-1", "1.0.0", "1.0.1",
                status, 0.0, null, null, MODIFIED.minusSeconds(3600), modified);
    }

    private static OtaTask task(String taskId, String status) {
        return task(taskId, "device-" + taskId, status, MODIFIED);
    }

    /** The task's entry among the unsettled ones, null if it is not one. */
    private TaskIndex.Unsettled unsettled(String taskId) {
        return index.unsettled().stream().filter(task -> task.key() == TaskIndex.key(taskId)).findFirst().orElse(null);
    }

    @Test
    void aTaskNeverDeliveredIsUnknown() {
        assertNull(index.delivered("t1"));
        assertNull(index.status("t1"));
        assertEquals(0, index.size());
        assertEquals(Map.of(), index.countsByStatus());
        assertEquals(List.of(), index.unsettled());
    }

    @Test
    void aDeliveryRecordsTheFingerprintAndStatusOfThatState() {
        index.deliver(task("t1", "QUEUED"), 11L);

        assertEquals(11L, index.delivered("t1"));
        assertEquals("QUEUED", String.valueOf(index.status("t1")));
        assertEquals(1, index.size());
        assertNull(index.delivered("t2"));
    }

    @Test
    void aLaterDeliveryOfTheSameTaskReplacesItsState() {
        index.deliver(task("t1", "QUEUED"), 11L);
        index.deliver(task("t1", "IN_PROGRESS"), 12L);

        assertEquals(12L, index.delivered("t1"));
        assertEquals("IN_PROGRESS", String.valueOf(index.status("t1")));
        assertEquals(1, index.size(), "one task, however often delivered");
    }

    @Test
    void tasksAreCountedByTheStatusTheyWereLastDeliveredIn() {
        index.deliver(task("t1", "QUEUED"), 1L);
        index.deliver(task("t2", "QUEUED"), 2L);
        index.deliver(task("t3", "QUEUED"), 3L);
        index.deliver(task("t1", "IN_PROGRESS"), 4L);
        index.deliver(task("t1", "SUCCEEDED"), 5L);
        index.deliver(task("t2", "FAILED"), 6L);
        index.deliver(task("t2", "QUEUED"), 7L);

        assertEquals(Map.of("QUEUED", 2L, "SUCCEEDED", 1L), stringKeys(index.countsByStatus()),
                "a status no task is in any more is not counted");
        assertEquals(3, index.size());
    }

    @Test
    void everyTaskThatCanStillChangeIsUnsettledWithWhatAReReadByNameNeeds() {
        Instant modified = Instant.parse("2024-05-06T07:59:30Z");
        index.deliver(task("t1", "d1", "QUEUED", modified), 1L);
        index.deliver(task("t2", "d2", "FAILED", modified), 2L);
        index.deliver(task("t3", "d3", "PAUSED_BY_VENDOR", modified), 3L);
        index.deliver(task("t4", "d4", "SUCCEEDED", modified), 4L);
        index.deliver(task("t5", "d5", "CANCELED", modified), 5L);

        assertEquals(3, index.unsettled().size());
        TaskIndex.Unsettled failed = unsettled("t2");
        assertEquals(TaskIndex.key("t2"), failed.key());
        assertEquals("d2", failed.deviceName());
        assertEquals("FAILED", String.valueOf(failed.status()), "a retry policy may still re-queue it");
        assertEquals(modified, failed.modified());
        assertEquals("PAUSED_BY_VENDOR", String.valueOf(unsettled("t3").status()),
                "a status the connector does not know may change");
        assertNull(unsettled("t4"));
        assertNull(unsettled("t5"));
        assertEquals(5, index.size(), "settled tasks are still known");
    }

    @Test
    void aTaskThatSettlesIsNoLongerUnsettledAndNeverComesBackOnItsOwn() {
        index.deliver(task("t1", "IN_PROGRESS"), 1L);
        index.deliver(task("t2", "IN_PROGRESS"), 2L);

        index.deliver(task("t1", "SUCCEEDED"), 3L);

        assertEquals(Set.of(TaskIndex.key("t2")), index.unsettled().stream().map(TaskIndex.Unsettled::key)
                .collect(Collectors.toSet()));
        assertEquals(3L, index.delivered("t1"), "its fingerprint is kept, to drop a repeated read of that state");
    }

    @Test
    void aTaskWithoutAStatusIsCountedUnderTheEmptyStatusAndCanStillChange() {
        index.deliver(task("t1", null), 1L);

        assertEquals(Map.of("", 1L), stringKeys(index.countsByStatus()));
        assertEquals("", String.valueOf(unsettled("t1").status()));
    }

    @Test
    void anUnsettledTaskWithoutDeviceNameOrModificationTimeSaysSo() {
        index.deliver(task("t1", null, "QUEUED", null), 1L);

        TaskIndex.Unsettled task = unsettled("t1");
        assertNull(task.deviceName(), "a scan must then find it another way");
        assertNull(task.modified(), "unknown, not some made-up time");
    }

    @Test
    void theModificationTimeIsKeptToTheSecondAsTheVendorSendsIt() {
        index.deliver(task("t1", "d1", "FAILED", Instant.parse("2024-05-06T07:59:30.750Z")), 1L);

        assertEquals(Instant.parse("2024-05-06T07:59:30Z"), unsettled("t1").modified());
    }

    @Test
    void aTaskIsKnownByAStableKeyOfItsId() {
        assertEquals(TaskIndex.key("t1"), TaskIndex.key(new String("t1")));
        assertNotEquals(TaskIndex.key("t1"), TaskIndex.key("t2"));
    }

    @Test
    void statusesAreStoredInOneByteSoAJobWithFarTooManyDistinctStatusesIsRefusedLoudly() {
        int delivered = 0;
        IllegalStateException refused = null;
        while (refused == null && delivered < 300) {
            try {
                index.deliver(task("t" + delivered, "STATUS_" + delivered), delivered);
                delivered++;
            } catch (IllegalStateException e) {
                refused = e;
            }
        }
        assertTrue(refused != null, "300 distinct statuses were all accepted");
        assertTrue(delivered >= 100, "only " + delivered + " distinct statuses were accepted");
    }

    private static Map<String, Long> stringKeys(Map<?, Long> counts) {
        return counts.entrySet().stream().collect(Collectors.toMap(e -> String.valueOf(e.getKey()), Map.Entry::getValue));
    }
}
