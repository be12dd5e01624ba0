package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JobStatusTest {

    @Test
    void bothSpellingsOfCompleteInAnyCaseAreOneStatus() {
        for (String spelling : List.of("COMPLETE", "COMPLETED", "complete", "Completed")) {
            assertEquals(Optional.of(JobStatus.COMPLETE), JobStatus.of(spelling), spelling);
        }
        assertEquals(Optional.of(JobStatus.PLANNED), JobStatus.of("planned"));
    }

    @Test
    void completeAndCanceledJobsAreFinal() {
        for (String status : List.of("COMPLETE", "COMPLETED", "CANCELED", "canceled")) {
            assertTrue(JobStatus.isFinal(status), status);
        }
        for (String status : List.of("PLANNED", "IN_PROGRESS", "SOMETHING_NEW", "")) {
            assertFalse(JobStatus.isFinal(status), status);
        }
        assertFalse(JobStatus.isFinal(null));
        assertEquals(Optional.empty(), JobStatus.of("SOMETHING_NEW"));
        assertEquals(Optional.empty(), JobStatus.of(null));
    }
}
