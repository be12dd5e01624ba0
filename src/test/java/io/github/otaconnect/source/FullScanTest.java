package io.github.otaconnect.source;

import static io.github.otaconnect.source.ManualScan.statusOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.JobTruth;
import io.github.otaconnect.simulator.RecordedCall;
import io.github.otaconnect.simulator.RowDefect;
import io.github.otaconnect.simulator.RowDefects;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.simulator.TaskStatus;

/**
 * What reading a whole job promises: every task of a job within the paging window in one unfiltered listing;
 * past it, one listing per status whose totals must add up to the job's; whatever stays out of reach counted
 * as unreadable. And the re-read of a job whose tasks are all known: one pass, the known tasks that can still
 * change and were missed said so ({@link TaskCoverage#missed()}), so that the watermark holds.
 */
class FullScanTest {

    private final ManualScan scan = new ManualScan();

    @AfterEach
    void close() {
        scan.close();
    }

    private TaskCoverage fullScan(ManualScan.Reads reads, String jobId) throws InterruptedException {
        return FullScan.run(reads.reader, reads, scan.index, jobId);
    }

    private TaskCoverage reread(ManualScan.Reads reads, String jobId) throws InterruptedException {
        return FullScan.reread(reads.reader, reads, scan.index, jobId);
    }

    /** The calls one listing per status costs, CONFIRM (which the simulator refuses as a filter) one call. */
    private static long callsPerStatus(JobTruth truth) {
        long calls = 0;
        for (io.github.otaconnect.api.TaskStatus known : io.github.otaconnect.api.TaskStatus.values()) {
            String status = known.name();
            TaskStatus simulated = TaskStatus.fromWire(status).orElseThrow();
            long count = truth.count(simulated);
            calls += status.equals("CONFIRM") ? 1 : Math.min(ListingReader.pagesFor(count, 100), 1_000);
        }
        return calls;
    }

    @Test
    void aJobWithinThePagingWindowIsReadInOneUnfilteredListing() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).alreadyTerminal(0.6).seed(201));
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = fullScan(reads, jobId);

        assertEquals(250, result.total());
        assertEquals(250, reads.distinct());
        assertTrue(result.complete());
        List<RecordedCall> calls = scan.listingCalls();
        assertEquals(3, calls.size());
        assertTrue(calls.stream().allMatch(call -> statusOf(call) == null));
    }

    @Test
    void pastThePagingWindowEachStatusIsListedAndTheirTotalsAddUpToTheJob() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(100_200).initially(TaskStatus.SUCCEEDED, 0.6)
                .initially(TaskStatus.FAILED, 0.2).initially(TaskStatus.IN_PROGRESS, 0.1)
                .initially(TaskStatus.CANCELED, 0.05).seed(202));
        JobTruth truth = scan.scenario().truth(jobId);
        ManualScan.Reads reads = scan.reads(jobId).keepNoTasks();

        TaskCoverage result = fullScan(reads, jobId);

        assertEquals(100_200, result.total());
        assertEquals(0, result.unreadable());
        assertTrue(result.complete());
        assertEquals(100_200, reads.distinct());
        assertEquals(1 + callsPerStatus(truth), reads.reader.calls(),
                "the first page of the unfiltered listing, then every status's listing once");
        assertEquals(scan.listingCallCount(), reads.reader.calls());
    }

    @Test
    void aStatusAloneBeyondThePagingWindowIsCountedUnreadable() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(100_050).initially(TaskStatus.SUCCEEDED, 1.0).seed(203));
        JobTruth truth = scan.scenario().truth(jobId);
        ManualScan.Reads reads = scan.reads(jobId).keepNoTasks();

        TaskCoverage result = fullScan(reads, jobId);

        assertEquals(100_050, result.total());
        assertEquals(50, result.unreadable());
        assertFalse(result.indexComplete());
        assertFalse(result.complete());
        assertEquals(100_000, reads.distinct());
        assertEquals(1 + callsPerStatus(truth), reads.reader.calls());
    }

    @Test
    void whenTheStatusTotalsFallShortTheUnfilteredListingFindsTheStatusNobodyKnew() throws Exception {
        // The unfiltered listing orders by status: QUEUED, then PAUSED_BY_VENDOR, well inside the window.
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(100_100).initially(TaskStatus.PAUSED_BY_VENDOR, 0.01)
                .initially(TaskStatus.SUCCEEDED, 0.95).seed(204));
        int paused = scan.tasksIn(jobId, TaskStatus.PAUSED_BY_VENDOR).size();
        ManualScan.Reads reads = scan.reads(jobId).keepNoTasks();

        TaskCoverage result = fullScan(reads, jobId);

        assertEquals(100_100, result.total());
        assertEquals(0, result.unreadable(), paused + " PAUSED_BY_VENDOR tasks");
        assertTrue(result.complete());
        assertEquals(100_100, reads.distinct());
        assertEquals(1L, scan.fixture.simulator.refusedStatusFilters().get("PAUSED_BY_VENDOR"),
                "tried once it was seen, and refused");
    }

    @Test
    void aRowWithoutATaskIdIsCountedUnreadable() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).seed(205));
        TaskState broken = scan.scenario().truth(jobId).task(17);
        scan.fixture.simulator.rowDefects().malformTask(jobId, broken.taskId(), RowDefect.NO_TASK_ID, RowDefects.ALWAYS);
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = fullScan(reads, jobId);

        assertEquals(250, result.total());
        assertEquals(1, result.unreadable());
        assertFalse(result.indexComplete());
    }

    @Test
    void aRowThatMovesAwayOnEveryPassIsCountedUnreadable() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).initially(TaskStatus.SUCCEEDED, 0.4).seed(206));
        List<TaskState> queued = scan.tasksIn(jobId, TaskStatus.QUEUED);
        List<TaskState> succeeded = scan.tasksIn(jobId, TaskStatus.SUCCEEDED);
        TaskState dodger = succeeded.get(0);
        assertTrue(dodger.index() < queued.get(99).index());
        ManualScan.Reads reads = scan.reads(jobId);
        boolean[] queuedNow = {false};
        reads.onRow(task -> task.taskId().equals(queued.get(99).taskId()) && !queuedNow[0], () -> {
            scan.scenario().changeTask(jobId, dodger.index(), TaskStatus.QUEUED);
            queuedNow[0] = true;
        });
        reads.onRow(task -> task.taskId().equals(succeeded.get(succeeded.size() - 1).taskId()) && queuedNow[0], () -> {
            scan.scenario().changeTask(jobId, dodger.index(), TaskStatus.SUCCEEDED);
            queuedNow[0] = false;
        });

        TaskCoverage result = fullScan(reads, jobId);

        assertFalse(reads.read(dodger.taskId()));
        assertEquals(1, result.unreadable());
        assertFalse(result.indexComplete());
    }

    @Test
    void aQuietRereadIsOneListingOfTheWholeJob() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).alreadyTerminal(0.6).seed(207));
        scan.deliverWholeJob(jobId);
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = reread(reads, jobId);

        assertTrue(result.complete());
        assertEquals(250, result.total());
        assertEquals(FullScan.estimatedCalls(250, 100), reads.reader.calls());
        assertEquals(3, reads.reader.calls());
    }

    @Test
    void aRereadIsOnePassAndLeavesAMissedTaskThatCanChangeToTheNextScan() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).initially(TaskStatus.SUCCEEDED, 0.4).seed(208));
        List<TaskState> queued = scan.tasksIn(jobId, TaskStatus.QUEUED);
        scan.deliverWholeJob(jobId);
        ManualScan.Reads reads = scan.reads(jobId);
        // Once page one is read, its first task finishes: the first row of page two moves onto page one.
        boolean[] moved = {false};
        reads.onRow(task -> task.taskId().equals(queued.get(99).taskId()) && !moved[0], () -> {
            scan.scenario().changeTask(jobId, queued.get(0).index(), TaskStatus.SUCCEEDED);
            moved[0] = true;
        });

        TaskCoverage result = reread(reads, jobId);

        assertFalse(reads.read(queued.get(100).taskId()));
        assertEquals(1, result.missed());
        assertEquals(3, reads.reader.calls(), "neither another pass nor a re-read by name");
        assertTrue(result.indexComplete(), "every task is still known");
        assertFalse(result.complete(), "so the watermark holds");
        assertFalse(result.needsFullScan());
    }

    @Test
    void aMissedTaskThatCannotChangeAnyMoreIsNotMissed() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).initially(TaskStatus.SUCCEEDED, 0.8).seed(209));
        List<TaskState> queued = scan.tasksIn(jobId, TaskStatus.QUEUED);
        List<TaskState> succeeded = scan.tasksIn(jobId, TaskStatus.SUCCEEDED);
        assertTrue(queued.size() < 100);
        TaskState last = queued.get(queued.size() - 1);
        TaskState skipped = succeeded.get(100 - queued.size());
        assertTrue(last.index() > skipped.index(), "finishing, it lands behind the row that moves up");
        scan.deliverWholeJob(jobId);
        ManualScan.Reads reads = scan.reads(jobId);
        boolean[] moved = {false};
        reads.onRow(task -> task.taskId().equals(succeeded.get(99 - queued.size()).taskId()) && !moved[0], () -> {
            scan.scenario().changeTask(jobId, last.index(), TaskStatus.SUCCEEDED);
            moved[0] = true;
        });

        TaskCoverage result = reread(reads, jobId);

        assertFalse(reads.read(skipped.taskId()), "a SUCCEEDED task was skipped");
        assertEquals(0, result.missed());
        assertTrue(result.complete());
    }

    @Test
    void aTaskNewToTheConnectorThatTheRereadReadsIsKnownFromThenOn() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).alreadyTerminal(0.6).seed(210));
        String newcomer = scan.scenario().truth(jobId).task(42).taskId();
        scan.deliverWholeJobBut(jobId, task -> task.taskId().equals(newcomer));
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = reread(reads, jobId);

        assertTrue(reads.read(newcomer));
        assertFalse(result.needsFullScan(), "read, it is known: the total adds up");
        assertTrue(result.complete());
    }

    @Test
    void aTaskNewToTheConnectorThatTheRereadMissedAsksForAFullRead() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).initially(TaskStatus.SUCCEEDED, 0.4).seed(212));
        List<TaskState> queued = scan.tasksIn(jobId, TaskStatus.QUEUED);
        TaskState newcomer = queued.get(100);
        scan.deliverWholeJobBut(jobId, task -> task.taskId().equals(newcomer.taskId()));
        ManualScan.Reads reads = scan.reads(jobId);
        boolean[] moved = {false};
        reads.onRow(task -> task.taskId().equals(queued.get(99).taskId()) && !moved[0], () -> {
            scan.scenario().changeTask(jobId, queued.get(0).index(), TaskStatus.SUCCEEDED);
            moved[0] = true;
        });

        TaskCoverage result = reread(reads, jobId);

        assertFalse(reads.read(newcomer.taskId()));
        assertTrue(result.needsFullScan(), "the job's total is one more than the tasks known");
    }

    @Test
    void theEstimateOfARereadIsWhatItCosts() throws Exception {
        int[][] sizes = {{0, 100}, {100, 100}, {101, 100}, {20, 7}};
        for (int[] size : sizes) {
            try (ManualScan own = new ManualScan()) {
                String jobId = own.scenario().addJob(JobSpec.upgrade().taskCount(size[0]).changeRate(0).seed(211)
                        .build());
                own.deliverWholeJob(jobId);
                ManualScan.Reads reads = own.reads(own.fixture.api, jobId, size[1]);

                FullScan.reread(reads.reader, reads, own.index, jobId);

                assertEquals(FullScan.estimatedCalls(size[0], size[1]), reads.reader.calls(),
                        size[0] + " tasks, pages of " + size[1]);
            }
        }
    }
}
