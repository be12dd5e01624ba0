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

    private static OtaTask task(String status) {
        return new OtaTask("t", "j", null, null, null, null, null, null, null, status, null, null, null, null, null);
    }

    @Test
    void jobHelpers() {
        for (String terminal : List.of("COMPLETE", "COMPLETED", "CANCELED")) {
            assertTrue(job(terminal, "STATIC", null, null).isTerminal(), terminal);
        }
        for (String open : List.of("PLANNED", "IN_PROGRESS", "NEW_STATUS")) {
            assertFalse(job(open, "STATIC", null, null).isTerminal(), open);
        }
        assertFalse(job(null, null, null, null).isTerminal());
        assertTrue(job("PLANNED", null, null, null).isPlanned());
        assertTrue(job(null, "DYNAMIC", null, null).isDynamic());
        assertFalse(job(null, "STATIC", null, null).isDynamic());
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
    void taskTerminalStatuses() {
        assertTrue(task("SUCCEEDED").isTerminal());
        assertTrue(task("CANCELED").isTerminal());
        for (String open : List.of("FAILED", "QUEUED", "NOTIFIED", "IN_PROGRESS", "CONFIRM", "SOMETHING_NEW")) {
            assertFalse(task(open).isTerminal(), open);
        }
        assertFalse(task(null).isTerminal());
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
        TaskQuery q = TaskQuery.page("job", 1, 100);
        assertNull(q.taskStatus());
        assertEquals(List.of(), q.deviceNames());
        assertEquals("FAILED", q.withStatus("FAILED").taskStatus());
        assertNull(q.withStatus(" ").taskStatus());
        assertEquals(7, q.withPage(7).currentPage());
        assertThrows(IllegalArgumentException.class, () -> TaskQuery.page(" ", 1, 10));
        assertThrows(IllegalArgumentException.class, () -> TaskQuery.page("job", 0, 10));
        assertThrows(IllegalArgumentException.class, () -> TaskQuery.page("job", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> TaskQuery.page("job", 1, 101));
        assertThrows(IllegalArgumentException.class,
                () -> TaskQuery.devices("job", Collections.nCopies(51, "d")));
        assertThrows(IllegalArgumentException.class, () -> TaskQuery.devices("job", List.of("a", " ")));
        assertThrows(NullPointerException.class, () -> TaskQuery.devices("job", null));
        assertEquals(50, TaskQuery.devices("job", Collections.nCopies(50, "d")).deviceNames().size());
        assertEquals(List.of(), new TaskQuery("job", 1, 10, null, null).deviceNames());
    }

    @Test
    void listingWindow() {
        assertTrue(TaskQuery.page("job", 1000, 100).withinListingWindow());
        assertFalse(TaskQuery.page("job", 1001, 100).withinListingWindow());
        assertFalse(TaskQuery.page("job", Integer.MAX_VALUE, 100).withinListingWindow(), "no int overflow");
    }
}
