package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.FatalApiException;
import io.github.otaconnect.api.FatalApiException.Reason;

class StatusFiltersTest {

    private final StatusFilters filters = new StatusFilters();

    private static FatalApiException refusal(Reason reason) {
        return new FatalApiException(reason, "ListOTATaskByJob", "iot.common.InvalidFormattedParameter", "R-7", 200,
                "refused");
    }

    @Test
    void theDocumentedStatusesAreExpectedToWorkAndOthersAreTriedWhenNeeded() {
        for (String documented : List.of("QUEUED", "NOTIFIED", "IN_PROGRESS", "SUCCEEDED", "FAILED", "CANCELED")) {
            assertTrue(filters.mayFilter(documented));
            assertTrue(filters.expectedToWork(documented), documented);
        }
        assertTrue(filters.mayFilter("CONFIRM"), "an undocumented status is tried");
        assertFalse(filters.expectedToWork("CONFIRM"), "but not counted on before it worked");
        filters.worked("CONFIRM");
        assertTrue(filters.expectedToWork("CONFIRM"));
    }

    @Test
    void aRefusalOfAStatusThatNeverWorkedMakesItUnfilterableWithOneWarning() {
        try (WarnLines warnings = WarnLines.capture()) {
            assertTrue(filters.refusedBy("PAUSED_BY_VENDOR", refusal(Reason.REQUEST), "job-1"));
            assertTrue(filters.refusedBy("PAUSED_BY_VENDOR", refusal(Reason.REQUEST), "job-2"));

            assertFalse(filters.mayFilter("PAUSED_BY_VENDOR"));
            assertFalse(filters.expectedToWork("PAUSED_BY_VENDOR"));
            assertEquals(1, warnings.of("StatusFilters").size(), warnings.all().toString());
            String warning = warnings.of("StatusFilters").get(0).text();
            assertTrue(warning.contains("TaskStatus PAUSED_BY_VENDOR"), warning);
            assertTrue(warning.contains("job-1") && warning.contains("R-7")
                    && warning.contains("iot.common.InvalidFormattedParameter"), warning);
        }
    }

    @Test
    void aDocumentedStatusIsGivenUpOnlyWhenRefusedBeforeItEverWorked() {
        assertTrue(filters.refusedBy("QUEUED", refusal(Reason.REQUEST), "job-1"));
        assertFalse(filters.mayFilter("QUEUED"));
        assertFalse(filters.expectedToWork("QUEUED"));

        filters.worked("FAILED");
        assertFalse(filters.refusedBy("FAILED", refusal(Reason.REQUEST), "job-1"),
                "a status that worked before: the refusal concerns that one request");
        assertTrue(filters.mayFilter("FAILED"));
    }

    @Test
    void onlyARefusalOfTheRequestSpeaksAboutTheFilter() {
        for (Reason reason : Reason.values()) {
            if (reason != Reason.REQUEST) {
                assertFalse(filters.refusedBy("CONFIRM", refusal(reason), "job-1"), reason.name());
            }
        }
        assertTrue(filters.mayFilter("CONFIRM"));
    }
}
