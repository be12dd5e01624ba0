package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ModelTest {

    private static OtaJob job(String status, String selection, Integer retryCount, List<String> srcVersions) {
        return new OtaJob("j", status, "UPGRADE_FIRMWARE", selection, "ALL", null, null, null, null, srcVersions,
                null, null, null, null, null, retryCount, null, null, null, null, null, null, null, null);
    }

    @Test
    void jobHelpers() {
        for (String terminal : List.of("COMPLETE", "COMPLETED", "CANCELED")) {
            assertTrue(job(terminal, "STATIC", null, null).isFinal(), terminal);
        }
        for (String open : List.of("PLANNED", "IN_PROGRESS", "NEW_STATUS")) {
            assertFalse(job(open, "STATIC", null, null).isFinal(), open);
        }
        assertFalse(job(null, null, null, null).isFinal());
        assertTrue(job("PLANNED", null, null, null).isPlanned());
        assertFalse(job("IN_PROGRESS", null, null, null).isPlanned());
        assertTrue(job(null, null, 2, null).hasRetryPolicy());
        assertFalse(job(null, null, 0, null).hasRetryPolicy());
        assertFalse(job(null, null, null, null).hasRetryPolicy());
    }

    @Test
    void jobSrcVersionsAreNeverNullAndImmutable() {
        assertEquals(List.of(), job(null, null, null, null).srcVersions());
        List<String> mutable = new ArrayList<>(List.of("1.0"));
        OtaJob job = job(null, null, null, mutable);
        mutable.add("2.0");
        assertEquals(List.of("1.0"), job.srcVersions());
        assertThrows(UnsupportedOperationException.class, () -> job.srcVersions().add("x"));
    }

    @Test
    void pagesCopyTheirLists() {
        assertEquals(List.of(), new TaskPage(null, 0, 0, 10, 1, null, null).tasks());
        assertEquals(List.of(), new FirmwarePage(null, 0, 0, 10, 1, null).firmware());
        assertEquals(List.of(), new JobSummaryPage(null, 0, 0, 10, 1, null).jobs());
        assertThrows(NullPointerException.class, () -> new JobResult(null, "r", null));
    }

    @Test
    void taskQueryValidation() {
        TaskQuery q = new TaskQuery("job", 1, 100, null, List.of());
        assertNull(q.taskStatus());
        assertEquals(List.of(), q.deviceNames());
        assertEquals("FAILED", new TaskQuery("job", 1, 100, "FAILED", List.of()).taskStatus());
        assertNull(new TaskQuery("job", 1, 100, " ", List.of()).taskStatus());
        assertThrows(IllegalArgumentException.class, () -> new TaskQuery(" ", 1, 10, null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TaskQuery("job", 0, 10, null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TaskQuery("job", 1, 0, null, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new TaskQuery("job", 1, VendorLimits.TASK_PAGE_SIZE + 1, null, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new TaskQuery("job", 1, 50, null,
                        Collections.nCopies(VendorLimits.DEVICE_NAMES_PER_CALL + 1, "d")));
        assertThrows(IllegalArgumentException.class, () -> new TaskQuery("job", 1, 50, null, List.of("a", " ")));
        assertEquals(VendorLimits.DEVICE_NAMES_PER_CALL, new TaskQuery("job", 1, 50, null,
                Collections.nCopies(VendorLimits.DEVICE_NAMES_PER_CALL, "d")).deviceNames().size());
        assertEquals(List.of(), new TaskQuery("job", 1, 10, null, null).deviceNames());
    }
}
