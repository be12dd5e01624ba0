package io.github.otaconnect.source;

import static io.github.otaconnect.source.ScanFixture.freshState;
import static io.github.otaconnect.source.ScanFixture.jobRecords;
import static io.github.otaconnect.source.ScanFixture.latestByTask;
import static io.github.otaconnect.source.ScanFixture.taskRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.FatalApiException;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;
import io.github.otaconnect.api.VendorLimits;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.JobTruth;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.simulator.TaskStatus;
import io.github.otaconnect.source.OtaSourceConnectorConfig.StartMode;

/**
 * The simulator refuses every TaskStatus filter its reference page does not list (CONFIRM, PAUSED_BY_VENDOR):
 * each listing path still converges, asks for a refused value once per task, and says what it cannot read.
 */
class RefusedStatusFilterTest {

    private final ScanFixture fixture = new ScanFixture();
    /** One scanner is one task: what it learns about filters holds for every scan it makes. */
    private final JobScanner scanner = fixture.scanner(StartMode.SNAPSHOT);

    @AfterEach
    void close() {
        fixture.close();
    }

    private Map<String, Long> refusedCalls() {
        return fixture.simulator.refusedStatusFilters();
    }

    @Test
    void changeScansFollowUnfilterableStatusesByNameAndConvergeWithOneRefusalPerStatus() throws Exception {
        // Mostly settled, so that the scanner follows the job by its changes rather than reading it whole.
        String jobId = fixture.scenario().addJob(JobSpec.upgrade().taskCount(7_500).changeRate(0.03)
                .initially(TaskStatus.SUCCEEDED, 0.9).initially(TaskStatus.PAUSED_BY_VENDOR, 0.01)
                .initially(TaskStatus.CONFIRM, 0.01).initially(TaskStatus.IN_PROGRESS, 0.02)
                .confirmProbability(0.4).pauseProbability(0.3).retry(1, 1).seed(21).build());
        JobState state = freshState(jobId);
        try (WarnLines warnings = WarnLines.capture()) {
            fixture.scan(scanner, state);
            assertTrue(fixture.lastOutcome.fullScan());
            int fullScans = 0;
            for (int cycle = 0; cycle < 20; cycle++) {
                fixture.clock.advanceSeconds(10);
                fixture.scan(scanner, state);
                fullScans += fixture.lastOutcome.fullScan() ? 1 : 0;
                assertTrue(fixture.lastOutcome.complete(), "cycle " + cycle);
                assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted), "cycle " + cycle);
            }
            fixture.scenario().finishAll();
            fixture.clock.advanceSeconds(10);
            fixture.scan(scanner, state);

            assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));
            assertEquals(0, fullScans, "tasks in unfilterable statuses are re-read by name, not by full listings");
            assertEquals(Map.of("CONFIRM", 1L, "PAUSED_BY_VENDOR", 1L), refusedCalls(),
                    "each refused value is asked for once");
            assertEquals(1, warnings.of("StatusFilters", "TaskStatus CONFIRM").size());
            assertEquals(1, warnings.of("StatusFilters", "TaskStatus PAUSED_BY_VENDOR").size());
            assertEquals(List.of(), warnings.of("ScanLoop"), "no scan failed");
        }
        Set<String> statuses = taskRecords(fixture.emitted).stream()
                .map(r -> ((Struct) r.value()).getString("task_status")).collect(Collectors.toSet());
        assertTrue(statuses.containsAll(Set.of("CONFIRM", "PAUSED_BY_VENDOR")), statuses.toString());
    }

    @Test
    void whatATaskLearnedItLearnsAgainAfterARestartButOnlyOnce() throws Exception {
        String jobId = fixture.scenario().addJob(JobSpec.upgrade().taskCount(5_000).changeRate(0.05)
                .initially(TaskStatus.SUCCEEDED, 0.95).initially(TaskStatus.CONFIRM, 0.02).seed(22).build());
        JobState state = freshState(jobId);
        for (int cycle = 0; cycle < 3; cycle++) {
            fixture.clock.advanceSeconds(10);
            fixture.scan(scanner, state);
        }
        assertEquals(Map.of("CONFIRM", 1L), refusedCalls());

        JobScanner restarted = fixture.scanner(StartMode.SNAPSHOT);
        for (int cycle = 0; cycle < 3; cycle++) {
            fixture.clock.advanceSeconds(10);
            fixture.scan(restarted, state);
        }
        assertEquals(Map.of("CONFIRM", 2L), refusedCalls());
        assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));
    }

    @Test
    void beyondThePagingWindowTheReadablePartConvergesAndTheRestIsCountedUnreadable() throws Exception {
        // The unfiltered listing orders by status (QUEUED, ..., IN_PROGRESS, PAUSED_BY_VENDOR, ...): with more
        // than 100,000 QUEUED and IN_PROGRESS tasks, no listing reaches the PAUSED_BY_VENDOR ones.
        String jobId = fixture.scenario().addJob(JobSpec.upgrade().taskCount(102_000).changeRate(0)
                .initially(TaskStatus.IN_PROGRESS, 0.48).initially(TaskStatus.PAUSED_BY_VENDOR, 0.01).seed(23).build());
        JobTruth truth = fixture.scenario().truth(jobId);
        int paused = truth.count(TaskStatus.PAUSED_BY_VENDOR);
        assertTrue(truth.count(TaskStatus.QUEUED) + truth.count(TaskStatus.IN_PROGRESS) > VendorLimits.LISTING_WINDOW);
        JobState state = freshState(jobId);

        List<SourceRecord> first = fixture.scan(scanner, state);

        assertEquals(102_000 - paused, taskRecords(first).size());
        Struct snapshot = (Struct) jobRecords(first).get(0).value();
        assertFalse(snapshot.getBoolean("fully_observable"));
        assertEquals((long) paused, snapshot.getInt64("unreadable_tasks"));
        assertNull(state.watermark(), "an incomplete listing never moves the watermark");
        assertEquals(Map.of("CONFIRM", 1L), refusedCalls(), "PAUSED_BY_VENDOR was never seen, so never asked for");
        assertEquals(List.of(), divergenceOutside(jobId, Set.of(TaskStatus.PAUSED_BY_VENDOR)));

        // Known tasks that move into a status no listing can ask for are re-read by name.
        List<Integer> moved = new ArrayList<>();
        for (TaskState task : truth.tasks()) {
            if (task.taskStatus().equals("IN_PROGRESS") && moved.size() < 10) {
                moved.add(task.index());
            }
        }
        fixture.clock.advanceSeconds(10);
        moved.forEach(index -> fixture.scenario().changeTask(jobId, index, TaskStatus.PAUSED_BY_VENDOR));
        fixture.clock.advanceSeconds(1);

        List<SourceRecord> second = fixture.scan(scanner, state);

        assertEquals(10, taskRecords(second).size());
        Map<String, Struct> latest = latestByTask(fixture.emitted);
        for (int index : moved) {
            TaskState now = fixture.scenario().truth(jobId).task(index);
            assertEquals(ScanFixture.stateOf(now), ScanFixture.stateOf(latest.get(now.taskId())));
        }
        Struct again = (Struct) jobRecords(second).get(0).value();
        assertEquals((long) paused, again.getInt64("unreadable_tasks"), "the moved ones were reached by name");
        assertEquals(Map.of("CONFIRM", 1L, "PAUSED_BY_VENDOR", 1L), refusedCalls(),
                "seen now, asked for once, and CONFIRM not again");
    }

    /** Divergence from the truth, leaving out the tasks the truth holds in these statuses. */
    private List<String> divergenceOutside(String jobId, Set<TaskStatus> unreachable) {
        Set<String> names = unreachable.stream().map(TaskStatus::wireName).collect(Collectors.toSet());
        Set<String> excluded = fixture.scenario().truth(jobId).tasks().stream()
                .filter(t -> names.contains(t.taskStatus()))
                .map(TaskState::taskId).collect(Collectors.toSet());
        return fixture.divergence(jobId, fixture.emitted).stream()
                .filter(problem -> !excluded.contains(problem.substring(0, problem.indexOf(':'))))
                .toList();
    }

    @Test
    void aRefusedReReadByNameFallsBackToAFullListing() throws Exception {
        String jobId = fixture.scenario().addJob(JobSpec.upgrade().taskCount(5_000)
                .initially(TaskStatus.SUCCEEDED, 0.96).changeRate(0).seed(24).build());
        RefusingDeviceNames api = new RefusingDeviceNames(fixture.api);
        JobScanner refusing = fixture.scanner(api, StartMode.SNAPSHOT);
        JobState state = freshState(jobId);
        fixture.scan(refusing, state);
        fixture.clock.advanceSeconds(10);
        fixture.scenario().truth(jobId).tasks().stream().filter(t -> t.taskStatus().equals("QUEUED")).limit(10)
                .forEach(t -> fixture.scenario().changeTask(jobId, t.index(), TaskStatus.SUCCEEDED));
        fixture.clock.advanceSeconds(1);

        try (WarnLines warnings = WarnLines.capture()) {
            fixture.scan(refusing, state);
            assertTrue(api.refused > 0, "the scan tried to re-read the tasks that left QUEUED by name");
            assertTrue(fixture.lastOutcome.fullScan(), "and read them from the full listing instead");
            assertEquals(1, warnings.of("ListingReader", "refused a re-read of 10 tasks by device name").size());
        }
        assertTrue(fixture.lastOutcome.complete());
        assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));
    }

    /** Refuses every re-read by device name, as a vendor would refuse names it cannot parse. */
    private static final class RefusingDeviceNames extends ForwardingOtaApi {
        int refused;

        RefusingDeviceNames(OtaApi delegate) {
            super(delegate);
        }

        @Override
        public TaskPage listTasks(TaskQuery query) throws InterruptedException {
            if (!query.deviceNames().isEmpty()) {
                refused++;
                throw new FatalApiException(FatalApiException.Reason.REQUEST, "ListOTATaskByJob",
                        "iot.common.InvalidFormattedParameter", "R-names", 200, "the vendor refused the names");
            }
            return super.listTasks(query);
        }
    }
}
