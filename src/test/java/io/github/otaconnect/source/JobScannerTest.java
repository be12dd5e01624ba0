package io.github.otaconnect.source;

import static io.github.otaconnect.source.ScanFixture.freshState;
import static io.github.otaconnect.source.ScanFixture.jobRecords;
import static io.github.otaconnect.source.ScanFixture.restartedFrom;
import static io.github.otaconnect.source.ScanFixture.taskRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.JobResult;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.RetriableApiException;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;
import io.github.otaconnect.api.VendorLimits;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.TaskStatus;
import io.github.otaconnect.source.OtaSourceConnectorConfig.StartMode;

class JobScannerTest {

    private final ScanFixture fixture = new ScanFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private String addJob(JobSpec.Builder spec) {
        return fixture.scenario().addJob(spec.build());
    }

    @Test
    void firstScanEmitsEveryTaskThenOnlyWhatChanged() throws Exception {
        String jobId = addJob(JobSpec.upgrade().taskCount(300).changeRate(0.02).seed(1));
        JobState state = freshState(jobId);

        List<SourceRecord> first = fixture.scan(state);
        assertEquals(300, taskRecords(first).size());
        assertEquals(1, jobRecords(first).size());

        assertEquals(List.of(), fixture.scan(state), "nothing changed, nothing emitted");

        fixture.clock.advanceSeconds(30);
        List<SourceRecord> second = fixture.scan(state);
        assertFalse(second.isEmpty(), "the scenario moved some tasks in 30 s");
        Set<String> changedIds = taskRecords(second).stream()
                .map(r -> ((Struct) r.value()).getString("task_id")).collect(Collectors.toSet());
        assertEquals(taskRecords(second).size(), changedIds.size(), "one record per changed task");
        assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));
    }

    @Test
    void recordsOfAScanAreInModificationOrderWithTheRecordTimestamp() throws Exception {
        String jobId = addJob(JobSpec.upgrade().taskCount(200).alreadyTerminal(0.5).changeRate(0.05).seed(2));
        List<SourceRecord> records = taskRecords(fixture.scan(freshState(jobId)));

        for (int i = 1; i < records.size(); i++) {
            assertTrue(records.get(i - 1).timestamp() <= records.get(i).timestamp(), "sorted at " + i);
        }
        Struct value = (Struct) records.get(0).value();
        assertEquals(((java.util.Date) value.get("utc_modified")).getTime(), records.get(0).timestamp());
    }

    @Test
    void aRestartedTaskEmitsExactlyWhatAContinuousOneEmits() throws Exception {
        String jobId = addJob(JobSpec.upgrade().taskCount(500).changeRate(0.01).retry(1, 1).seed(3));
        JobState continuous = freshState(jobId);
        List<SourceRecord> first = fixture.scan(continuous);

        for (int round = 0; round < 5; round++) {
            fixture.clock.advanceSeconds(20);
            JobState restarted = restartedFrom(first.get(first.size() - 1));
            List<SourceRecord> afterRestart = fixture.scan(restarted);
            List<SourceRecord> withoutRestart = fixture.scan(continuous);
            assertEquals(keys(withoutRestart), keys(afterRestart), "round " + round);
            first = withoutRestart.isEmpty() ? first : withoutRestart;
        }
        assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));
    }

    @Test
    void changesInsideOneSecondSurviveAStopInTheMiddleOfThem() throws Exception {
        String jobId = addJob(JobSpec.upgrade().taskCount(120).changeRate(0).seed(4));
        JobState state = freshState(jobId);
        fixture.scan(state);
        fixture.clock.advanceSeconds(5);
        for (int i = 0; i < 120; i += 3) {
            fixture.scenario().changeTask(jobId, i, TaskStatus.NOTIFIED);
        }
        fixture.clock.advanceMillis(400);
        List<SourceRecord> changes = fixture.scan(state);
        List<SourceRecord> tasks = taskRecords(changes);
        assertEquals(40, tasks.size());
        Set<Long> timestamps = tasks.stream().map(SourceRecord::timestamp).collect(Collectors.toSet());
        assertEquals(1, timestamps.size(), "all 40 changes carry the same UtcModified second");

        int chunk = fixture.settings(StartMode.SNAPSHOT).chunkSize();
        for (int stopAfter = 0; stopAfter < changes.size(); stopAfter++) {
            JobState restarted = restartedFrom(changes.get(stopAfter));
            List<SourceRecord> again = new ArrayList<>();
            fixture.scanner(StartMode.SNAPSHOT).scan(restarted, again::addAll);
            Set<String> delivered = keys(changes.subList(0, stopAfter + 1));
            delivered.addAll(keys(again));
            assertEquals(keys(changes), delivered, "nothing lost when stopped after record " + stopAfter);
            boolean chunkBoundary = (stopAfter + 1) % chunk == 0 || stopAfter == changes.size() - 1;
            if (chunkBoundary) {
                Set<String> repeated = keys(again);
                repeated.retainAll(keys(changes.subList(0, stopAfter + 1)));
                assertEquals(Set.of(), repeated, "nothing repeated when stopped at a batch end " + stopAfter);
            }
        }
    }

    @Test
    void aLateChangeInsideTheLookBackIsEmittedOnceAcrossARestart() throws Exception {
        String jobId = addJob(JobSpec.upgrade().taskCount(50).changeRate(0).seed(5));
        JobState state = freshState(jobId);
        fixture.scan(state);
        fixture.clock.advanceSeconds(30);
        List<SourceRecord> quiet = fixture.scan(state);
        assertEquals(List.of(), quiet);
        Instant watermark = state.watermark();

        fixture.scenario().lateChange(jobId, 7, TaskStatus.IN_PROGRESS, Duration.ofSeconds(25));
        Instant lateModified = fixture.scenario().truth(jobId).task(7).utcModified();
        assertTrue(lateModified.isBefore(watermark), "the late change is older than the watermark");

        JobState restarted = new JobState(state.partition(), state.offset(ScanFixture.LOOKBACK, 5_000), true);
        List<SourceRecord> afterRestart = taskRecords(fixture.scan(restarted));
        List<SourceRecord> continuous = taskRecords(fixture.scan(state));
        assertEquals(1, afterRestart.size());
        assertEquals(1, continuous.size());
        assertEquals(List.of(), fixture.scan(restarted), "and not again");
    }

    @Test
    void rowsMovingBetweenPagesDuringAScanLoseNothing() throws Exception {
        String jobId = addJob(JobSpec.upgrade().taskCount(1_000).changeRate(0.2).failureProbability(0.2)
                .retry(2, 1).seed(6));
        OtaApi movingWhileReading = new ClockAdvancingApi(fixture.api, fixture.clock, Duration.ofMillis(700));
        JobScanner scanner = fixture.scanner(movingWhileReading, StartMode.SNAPSHOT);
        JobState state = freshState(jobId);
        for (int i = 0; i < 6; i++) {
            fixture.scan(scanner, state);
        }
        fixture.scenario().finishAll();
        fixture.scan(scanner, state);
        assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));
    }

    @Test
    void aJobBeyondThePagingWindowIsReadStatusByStatusIncludingAnUnknownStatus() throws Exception {
        String jobId = addJob(JobSpec.upgrade().taskCount(120_000).changeRate(0)
                .initially(TaskStatus.SUCCEEDED, 0.6).initially(TaskStatus.FAILED, 0.2)
                .initially(TaskStatus.PAUSED_BY_VENDOR, 0.05).seed(7));

        List<SourceRecord> records = fixture.scan(freshState(jobId));

        assertEquals(120_000, taskRecords(records).size());
        Struct snapshot = (Struct) jobRecords(records).get(0).value();
        assertTrue(snapshot.getBoolean("fully_observable"));
        assertEquals(120_000L, snapshot.getInt64("task_total"));
        assertTrue(taskRecords(records).stream()
                .anyMatch(r -> ((Struct) r.value()).getString("task_status").equals("PAUSED_BY_VENDOR")));
        assertEquals(List.of(), fixture.divergence(jobId, records));
    }

    @Test
    void aStatusBeyondThePagingWindowMakesTheJobPartlyObservableAndHoldsTheWatermark() throws Exception {
        String jobId = addJob(JobSpec.upgrade().taskCount(105_000).changeRate(0)
                .initially(TaskStatus.SUCCEEDED, 1.0).seed(8));
        JobState state = freshState(jobId);

        List<SourceRecord> records = fixture.scan(state);

        assertEquals(VendorLimits.LISTING_WINDOW, taskRecords(records).size());
        Struct snapshot = (Struct) jobRecords(records).get(0).value();
        assertFalse(snapshot.getBoolean("fully_observable"));
        assertEquals(5_000L, snapshot.getInt64("unreadable_tasks"));
        assertNull(state.watermark(), "an incomplete listing never moves the watermark");
    }

    @Test
    void aFinishedJobGetsAFinalSnapshotAndIsRememberedAsFinished() throws Exception {
        String jobId = addJob(JobSpec.upgrade().taskCount(40).changeRate(0.1).seed(9));
        JobState state = freshState(jobId);
        fixture.scan(state);
        fixture.scenario().finishAll();
        fixture.clock.advanceSeconds(5);

        List<SourceRecord> last = fixture.scan(state);

        Struct snapshot = (Struct) jobRecords(last).get(0).value();
        assertTrue(snapshot.getBoolean("finished"), snapshot.toString());
        assertTrue(state.finished());
        assertTrue(restartedFrom(last.get(last.size() - 1)).finished(), "a restart does not scan it again");
        assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));
    }

    @Test
    void aPlannedJobIsOnlyQueriedUntilItsScheduleTime() throws Exception {
        String jobId = addJob(JobSpec.upgrade().taskCount(30).scheduleIn(Duration.ofHours(1)).seed(10));
        JobState state = freshState(jobId);

        List<SourceRecord> records = fixture.scan(state);

        assertEquals(1, fixture.lastOutcome.calls(), "one QueryOTAJob, no listing");
        assertEquals(List.of(), taskRecords(records));
        assertEquals("PLANNED", ((Struct) jobRecords(records).get(0).value()).getString("job_status"));
        assertFalse(state.nextScanAt().isAfter(fixture.clock.now().plus(Duration.ofMinutes(5))));
    }

    @Test
    void startModeChangesTakesTheCurrentStateSilently() throws Exception {
        String jobId = addJob(JobSpec.upgrade().taskCount(200).changeRate(0.02).seed(11));
        JobScanner scanner = fixture.scanner(StartMode.CHANGES);
        JobState state = freshState(jobId);

        List<SourceRecord> first = fixture.scan(scanner, state);
        assertEquals(List.of(), taskRecords(first));
        assertEquals(1, jobRecords(first).size(), "the job snapshot is always emitted");

        fixture.clock.advanceSeconds(30);
        List<SourceRecord> next = taskRecords(fixture.scan(scanner, state));
        assertFalse(next.isEmpty());
        assertTrue(next.size() < 200);
        JobState restarted = restartedFrom(first.get(first.size() - 1));
        assertEquals(keys(next), keys(taskRecords(fixture.scan(scanner, restarted))),
                "after a restart the baseline still holds");
    }

    @Test
    void inSteadyStateAScanCostsCallsForWhatCanChangeNotForTheWholeJob() throws Exception {
        // Tasks that failed before the last hour are past their retry interval: FAILED is final for them.
        String jobId = addJob(JobSpec.upgrade().taskCount(20_000).alreadyTerminal(0.95).history(Duration.ofHours(2))
                .changeRate(0.01).failureProbability(0.2).retry(2, 1).seed(12));
        JobState state = freshState(jobId);
        fixture.scan(state);
        assertTrue(fixture.lastOutcome.fullScan());
        int naive = 20_000 / 100 + 1;

        for (int cycle = 0; cycle < 10; cycle++) {
            fixture.clock.advanceSeconds(10);
            fixture.scan(state);
            assertFalse(fixture.lastOutcome.fullScan(), "cycle " + cycle + " needed no full listing");
            // At this size the few fixed calls (job, total, one partial page per status) weigh more than at the
            // 100,000 tasks of the benchmark, where a cycle costs under 10 % of a full re-scan.
            assertTrue(fixture.lastOutcome.calls() <= naive * 15 / 100,
                    "cycle " + cycle + ": " + fixture.lastOutcome.calls() + " calls, a full re-scan costs " + naive);
        }
        assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));
    }

    /**
     * Per cycle, the scanner follows a job the cheaper way: a small busy job is read whole (a change scan
     * would pay for several status listings, re-reads by name and totals), a large settled one is not; in
     * no cycle does it cost more than reading every page and the job again.
     */
    @Test
    void noCycleCostsMoreThanReadingTheWholeJobAgain() throws Exception {
        record Case(String name, JobSpec.Builder spec, boolean expectWholeJob) {
        }
        List<Case> cases = List.of(
                new Case("250 idle", JobSpec.upgrade().taskCount(250).changeRate(0).seed(21), true),
                new Case("250 busy", JobSpec.upgrade().taskCount(250).changeRate(0.3).seed(22), true),
                new Case("1,000 busy", JobSpec.upgrade().taskCount(1_000).changeRate(0.1).seed(23), true),
                new Case("10,000 mostly settled", JobSpec.upgrade().taskCount(10_000).alreadyTerminal(0.97)
                        .history(Duration.ofHours(2)).changeRate(0.01).seed(24), false));
        for (Case c : cases) {
            String jobId = addJob(c.spec());
            JobState state = freshState(jobId);
            fixture.scan(state);
            for (int cycle = 0; cycle < 6; cycle++) {
                fixture.clock.advanceSeconds(10);
                long wholeJob = 1 + ListingReader.pagesFor(fixture.scenario().truth(jobId).taskCount(), 100);
                fixture.scan(state);
                assertTrue(fixture.lastOutcome.calls() <= wholeJob, c.name() + ", cycle " + cycle + ": "
                        + fixture.lastOutcome.calls() + " calls, reading the whole job costs " + wholeJob);
                assertEquals(c.expectWholeJob(), fixture.lastOutcome.fullScan(), c.name() + ", cycle " + cycle);
            }
            fixture.scenario().finishAll();
            fixture.clock.advanceSeconds(10);
            fixture.scan(state);
            assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted), c.name());
        }
    }

    @Test
    void aRetryThatRunsToItsEndBetweenTwoScansIsStillSeen() throws Exception {
        // Mostly settled, so that following what can change costs less than reading the whole job.
        String jobId = addJob(JobSpec.upgrade().taskCount(5_000).initially(TaskStatus.SUCCEEDED, 0.98).changeRate(0)
                .retry(3, 1).seed(13));
        JobState state = freshState(jobId);
        fixture.scenario().changeTask(jobId, 5, TaskStatus.FAILED);
        fixture.scenario().changeTask(jobId, 6, TaskStatus.FAILED);
        fixture.scan(state);
        fixture.clock.advanceSeconds(10);
        fixture.scan(state);

        // Between two scans: one retry ends in success, the other fails again (same status, new state).
        fixture.clock.advanceSeconds(20);
        fixture.scenario().changeTask(jobId, 5, TaskStatus.QUEUED);
        fixture.scenario().changeTask(jobId, 6, TaskStatus.QUEUED);
        fixture.clock.advanceSeconds(5);
        fixture.scenario().changeTask(jobId, 5, TaskStatus.SUCCEEDED);
        fixture.scenario().changeTask(jobId, 6, TaskStatus.FAILED);
        fixture.clock.advanceSeconds(5);
        List<SourceRecord> records = taskRecords(fixture.scan(state));

        assertFalse(fixture.lastOutcome.fullScan());
        assertEquals(2, records.size(), "both retried tasks are emitted");
        assertEquals(List.of(), fixture.divergence(jobId, fixture.emitted));
    }

    @Test
    void aHugeFirstReadStreamsOutInsteadOfHoldingEveryTask() throws Exception {
        fixture.maxBufferedChanges = 1_000;
        String jobId = addJob(JobSpec.upgrade().taskCount(5_000).changeRate(0).seed(14));
        JobState state = freshState(jobId);

        List<SourceRecord> records = fixture.scan(state);

        assertEquals(5_000, taskRecords(records).size());
        assertEquals(List.of(), fixture.scan(state), "and nothing twice");
        assertTrue(state.watermark() != null, "a complete scan still moves the watermark at its end");
    }

    /**
     * A first read larger than the hand-over threshold streams changes out early; a call failing after that
     * must not leave states marked delivered that were never handed over. Each call position fails once.
     */
    @Test
    void aCallFailingAfterAnEarlyHandOverLosesNothing() throws Exception {
        fixture.maxBufferedChanges = 120;
        String jobId = addJob(JobSpec.upgrade().taskCount(1_050).changeRate(0).seed(15));
        int callsOfAFirstRead = 1 + 11;
        for (int failing = 1; failing <= callsOfAFirstRead; failing++) {
            JobState state = freshState(jobId);
            FailingApi api = new FailingApi(fixture.api, failing);
            JobScanner scanner = fixture.scanner(api, StartMode.SNAPSHOT);
            List<SourceRecord> handedOver = new ArrayList<>();
            try {
                scanner.scan(state, handedOver::addAll);
            } catch (RetriableApiException expected) {
                // the scan loop keeps the state and scans the job again later
            }
            scanner.scan(state, handedOver::addAll);

            assertEquals(List.of(), fixture.divergence(jobId, handedOver), "call " + failing + " failed");
            assertEquals(1_050, keys(handedOver).size(), "no state twice, call " + failing + " failed");
        }
    }

    private static Set<String> keys(List<SourceRecord> records) {
        Set<String> keys = new HashSet<>();
        for (SourceRecord record : taskRecords(records)) {
            keys.add(((Struct) record.value()).getString("task_id") + "@" + ScanFixture.stateOf((Struct) record.value()));
        }
        return keys;
    }

    /** Fails the n-th call once, as a call that exhausted its retries would. */
    private static final class FailingApi extends ForwardingOtaApi {
        private final int failing;
        private int calls;

        FailingApi(OtaApi delegate, int failing) {
            super(delegate);
            this.failing = failing;
        }

        private void maybeFail(String action) {
            if (++calls == failing) {
                throw new RetriableApiException(action, "InternalError", "test-" + calls, 500, "injected failure");
            }
        }

        @Override
        public JobResult queryJob(String jobId) throws InterruptedException {
            maybeFail("QueryOTAJob");
            return super.queryJob(jobId);
        }

        @Override
        public TaskPage listTasks(TaskQuery query) throws InterruptedException {
            maybeFail("ListOTATaskByJob");
            return super.listTasks(query);
        }
    }

    /** Moves the simulator's clock after every page read, so that rows change status mid-scan. */
    private static final class ClockAdvancingApi extends ForwardingOtaApi {
        private final io.github.otaconnect.simulator.ManualClock clock;
        private final Duration step;

        ClockAdvancingApi(OtaApi delegate, io.github.otaconnect.simulator.ManualClock clock, Duration step) {
            super(delegate);
            this.clock = clock;
            this.step = step;
        }

        @Override
        public TaskPage listTasks(TaskQuery query) throws InterruptedException {
            TaskPage page = super.listTasks(query);
            clock.advance(step);
            return page;
        }
    }
}
