package io.github.otaconnect.source;

import static io.github.otaconnect.source.ScanFixture.freshState;
import static io.github.otaconnect.source.ScanFixture.jobRecords;
import static io.github.otaconnect.source.ScanFixture.taskRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.List;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.JobTruth;
import io.github.otaconnect.simulator.RowDefect;
import io.github.otaconnect.simulator.RowDefects;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.simulator.TaskStatus;
import io.github.otaconnect.source.OtaSourceConnectorConfig.StartMode;

/**
 * The simulator serves malformed rows on demand: the page is still read, the row is published with what
 * can be read (or skipped when it has no TaskId), a WARN names job, row and RequestId, and the job goes on.
 */
class MalformedRowTest {

    private final ScanFixture fixture = new ScanFixture();
    private final JobScanner scanner = fixture.scanner(StartMode.SNAPSHOT);

    @AfterEach
    void close() {
        fixture.close();
    }

    private RowDefects defects() {
        return fixture.simulator.rowDefects();
    }

    private static Struct recordOf(List<SourceRecord> records, String taskId) {
        return taskRecords(records).stream().map(r -> (Struct) r.value())
                .filter(v -> v.getString("task_id").equals(taskId)).findFirst().orElse(null);
    }

    @Test
    void anUnreadableFieldIsPublishedAsNullAndCorrectedWhenTheRowIsReadWhole() throws Exception {
        String jobId = fixture.scenario().addJob(JobSpec.upgrade().taskCount(250)
                .initially(TaskStatus.IN_PROGRESS, 1.0).changeRate(0).seed(31).build());
        TaskState task = fixture.scenario().truth(jobId).task(120);
        defects().malformTask(jobId, task.taskId(), RowDefect.PROGRESS_NOT_A_NUMBER, 1);
        defects().malformTask(jobId, task.taskId(), RowDefect.UTC_MODIFIED_NOT_A_DATE, 1);
        JobState state = freshState(jobId);

        try (WarnLines warnings = WarnLines.capture()) {
            List<SourceRecord> first = fixture.scan(scanner, state);

            assertEquals(250, taskRecords(first).size(), "the page and the job are read as usual");
            Struct published = recordOf(first, task.taskId());
            assertNull(published.getFloat64("progress"));
            assertNull(published.get("utc_modified"));
            assertEquals("IN_PROGRESS", published.getString("task_status"), "what could be read is published");
            assertEquals(task.deviceName(), published.getString("device_name"));
            assertEquals(1, fixture.lastOutcome.malformedRows());
            assertTrue(fixture.lastOutcome.complete());
            List<WarnLines.Line> lines = warnings.of("MalformedRowLog", jobId, "TaskId " + task.taskId(), "RequestId ");
            assertEquals(1, lines.size(), warnings.all().toString());
            assertTrue(lines.get(0).text().contains("Progress should be a number but is \"N/A\""), lines.get(0).text());
            assertTrue(lines.get(0).text().contains("UtcModified should be a time"), lines.get(0).text());
            assertTrue(lines.get(0).text().contains("published with those fields null"), lines.get(0).text());
        }

        fixture.clock.advanceSeconds(10);
        List<SourceRecord> next = fixture.scan(scanner, state);
        assertEquals(1, taskRecords(next).size(), "served whole again, the task differs from what was published");
        assertEquals(0, fixture.lastOutcome.malformedRows());
        assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));
    }

    @Test
    void aRowWithoutTaskIdIsSkippedCountedUnreadableAndReadOnceItHasOne() throws Exception {
        String jobId = fixture.scenario().addJob(JobSpec.upgrade().taskCount(300).changeRate(0).seed(32).build());
        TaskState task = fixture.scenario().truth(jobId).task(150);
        defects().malformTask(jobId, task.taskId(), RowDefect.NO_TASK_ID, RowDefects.ALWAYS);
        JobState state = freshState(jobId);

        try (WarnLines warnings = WarnLines.capture()) {
            List<SourceRecord> first = fixture.scan(scanner, state);

            assertEquals(299, taskRecords(first).size());
            assertNull(recordOf(first, task.taskId()));
            Struct snapshot = (Struct) jobRecords(first).get(0).value();
            assertFalse(snapshot.getBoolean("fully_observable"), "a task the connector cannot key is unreadable");
            assertEquals(1L, snapshot.getInt64("unreadable_tasks"));
            assertEquals(1 + 3, fixture.lastOutcome.calls(), "the job query and one pass over 3 pages: a skipped row "
                    + "does not make the listing read again");
            assertEquals(1, fixture.lastOutcome.malformedRows());
            List<WarnLines.Line> lines = warnings.of("MalformedRowLog", jobId, "row 50 (no TaskId)", "page 2",
                    "RequestId ", "the row is skipped");
            assertEquals(1, lines.size(), warnings.all().toString());
        }

        fixture.clock.advanceSeconds(10);
        fixture.scan(scanner, state);
        assertEquals(1, fixture.lastOutcome.malformedRows(), "while the vendor sends it so, the job goes on");
        assertFalse(fixture.lastOutcome.complete());

        defects().clear();
        fixture.clock.advanceSeconds(10);
        List<SourceRecord> whole = fixture.scan(scanner, state);
        assertNotNull(recordOf(whole, task.taskId()));
        assertTrue(fixture.lastOutcome.complete());
        assertTrue(((Struct) jobRecords(whole).get(0).value()).getBoolean("fully_observable"));
        assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));
    }

    @Test
    void aBlankDeviceNameFallsBackToAFullListingOnlyWhileItIsNeededAndConverges() throws Exception {
        // Mostly settled, so that the scanner follows the job by its changes rather than reading it whole.
        String jobId = fixture.scenario().addJob(JobSpec.upgrade().taskCount(5_000)
                .initially(TaskStatus.SUCCEEDED, 0.96).initially(TaskStatus.IN_PROGRESS, 0.04).changeRate(0)
                .seed(33).build());
        TaskState task = fixture.scenario().truth(jobId).tasks().stream()
                .filter(t -> t.taskStatus().equals("IN_PROGRESS")).findFirst().orElseThrow();
        defects().malformTask(jobId, task.taskId(), RowDefect.BLANK_DEVICE_NAME, RowDefects.ALWAYS);
        JobState state = freshState(jobId);
        List<SourceRecord> first = fixture.scan(scanner, state);
        assertNull(recordOf(first, task.taskId()).getString("device_name"));

        fixture.clock.advanceSeconds(10);
        fixture.scan(scanner, state);
        assertFalse(fixture.lastOutcome.fullScan(), "listed with its status, the task needs no name");

        fixture.scenario().changeTask(jobId, task.index(), TaskStatus.SUCCEEDED);
        fixture.clock.advanceSeconds(10);
        fixture.scan(scanner, state);
        assertTrue(fixture.lastOutcome.fullScan(), "it left its listing and cannot be asked for by name");
        assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));

        for (int cycle = 0; cycle < 3; cycle++) {
            fixture.clock.advanceSeconds(10);
            fixture.scan(scanner, state);
            assertFalse(fixture.lastOutcome.fullScan(), "settled now: no more full listings, cycle " + cycle);
        }
        assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));
    }

    @Test
    void aVendorThatBreaksEveryRowCannotFloodTheLog() throws Exception {
        String jobId = fixture.scenario().addJob(JobSpec.upgrade().taskCount(150).changeRate(0).seed(34).build());
        defects().malformRandomly(1.0, RowDefect.PROGRESS_NOT_A_NUMBER);
        JobState state = freshState(jobId);
        try (WarnLines warnings = WarnLines.capture()) {
            List<SourceRecord> records = fixture.scan(scanner, state);

            assertEquals(150, taskRecords(records).size());
            assertEquals(150, fixture.lastOutcome.malformedRows(), "every row counts");
            assertEquals(MalformedRowLog.MAX_WARNINGS + 1, warnings.of("MalformedRowLog").size());
            assertEquals(1, warnings.of("MalformedRowLog", "further ones are counted").size());
        }
    }

    @Test
    void aMalformedRowReReadByNameIsReportedToo() throws Exception {
        String jobId = fixture.scenario().addJob(JobSpec.upgrade().taskCount(100).changeRate(0).seed(35).build());
        JobState state = freshState(jobId);
        fixture.scan(scanner, state);
        JobTruth truth = fixture.scenario().truth(jobId);
        TaskState task = truth.task(7);
        fixture.clock.advanceSeconds(10);
        fixture.scenario().changeTask(jobId, 7, TaskStatus.SUCCEEDED);
        // Served whole by the QUEUED listing it is no longer in; malformed when re-read by name.
        defects().malformTask(jobId, task.taskId(), RowDefect.UTC_MODIFIED_NOT_A_DATE, 1);
        fixture.clock.advanceSeconds(1);

        List<SourceRecord> changes = fixture.scan(scanner, state);

        Struct published = recordOf(changes, task.taskId());
        assertEquals("SUCCEEDED", published.getString("task_status"));
        assertNull(published.get("utc_modified"));
        assertEquals(1, fixture.lastOutcome.malformedRows());
        SourceRecord record = taskRecords(changes).get(0);
        assertEquals(((Date) ((Struct) record.value()).getStruct("source").get("observed_at")).getTime(),
                record.timestamp(), "without UtcModified the record's time is when it was read");
    }
}
