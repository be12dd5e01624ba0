package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TaskStatusTest {

    @Test
    void knownStatusesAreTheWireValuesInTheOrderAFullScanListsThem() {
        assertEquals(List.of("QUEUED", "NOTIFIED", "CONFIRM", "IN_PROGRESS", "FAILED", "SUCCEEDED", "CANCELED"),
                Arrays.stream(TaskStatus.values()).map(Enum::name).toList());
        assertEquals(Optional.of(TaskStatus.CONFIRM), TaskStatus.of("CONFIRM"));
    }

    @Test
    void anUnknownStatusIsNoneOfTheKnownOnesAndMayStillChange() {
        for (String unknown : new String[] {"PAUSED_BY_VENDOR", "failed", "", null}) {
            assertEquals(Optional.empty(), TaskStatus.of(unknown), unknown);
            assertFalse(TaskStatus.isSettled(unknown), unknown);
            assertFalse(TaskStatus.isOutcome(unknown), unknown);
            assertFalse(TaskStatus.isDocumentedFilter(unknown), unknown);
        }
        assertFalse(TaskStatus.FAILED.is("failed"), "statuses are compared exactly as sent");
    }

    @Test
    void onlySucceededAndCanceledAreSettledWhileFailedIsAnOutcomeThatCanStillChange() {
        assertTrue(TaskStatus.isSettled("SUCCEEDED"));
        assertTrue(TaskStatus.isSettled("CANCELED"));
        assertFalse(TaskStatus.isSettled("FAILED"), "a retry policy re-queues FAILED tasks");
        for (String status : List.of("FAILED", "SUCCEEDED", "CANCELED")) {
            assertTrue(TaskStatus.isOutcome(status), status);
        }
        for (String inFlight : List.of("QUEUED", "NOTIFIED", "CONFIRM", "IN_PROGRESS")) {
            assertFalse(TaskStatus.isSettled(inFlight), inFlight);
            assertFalse(TaskStatus.isOutcome(inFlight), inFlight);
        }
    }

    @Test
    void theReferencePageDocumentsEveryFilterValueButConfirm() {
        for (TaskStatus status : TaskStatus.values()) {
            assertEquals(status != TaskStatus.CONFIRM, TaskStatus.isDocumentedFilter(status.name()), status.name());
        }
    }
}
