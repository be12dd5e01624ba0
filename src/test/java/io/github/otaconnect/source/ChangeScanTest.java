package io.github.otaconnect.source;

import static io.github.otaconnect.source.ManualScan.deviceNamesOf;
import static io.github.otaconnect.source.ManualScan.isListingPage;
import static io.github.otaconnect.source.ManualScan.isTotal;
import static io.github.otaconnect.source.ManualScan.statusOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.FatalApiException;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.RecordedCall;
import io.github.otaconnect.simulator.RowDefect;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.simulator.TaskStatus;

/**
 * The argument of {@link ChangeScan}'s class comment, one step at a time: each test sets up the case a step
 * is there for, on a job whose tasks only move when the test moves them, and checks both that the change is
 * seen and that it is seen the way the step says (which calls, in which order), so that the test fails if
 * that step were left out even where another step would still catch the change.
 */
class ChangeScanTest {

    private static final Predicate<TaskIndex.Unsettled> NOT_RETRIED = task -> false;
    private static final Predicate<TaskIndex.Unsettled> FAILED_MAY_BE_RETRIED =
            task -> "FAILED".equals(String.valueOf(task.status()));

    private final ManualScan scan = new ManualScan();

    @AfterEach
    void close() {
        scan.close();
    }

    private TaskCoverage changeScan(ManualScan.Reads reads, Predicate<TaskIndex.Unsettled> mayBeRetried, boolean growing)
            throws InterruptedException {
        return ChangeScan.run(reads.reader, reads, scan.index, mayBeRetried, growing);
    }

    /** Moves a task now: its new state carries the clock's now as UtcModified. */
    private void move(String jobId, TaskState task, TaskStatus to) {
        scan.scenario().changeTask(jobId, task.index(), to);
    }

    private Set<String> listedStatuses() {
        return scan.listingCalls().stream().filter(ManualScan::isListingPage).map(ManualScan::statusOf)
                .collect(Collectors.toSet());
    }

    private List<RecordedCall> byNameCalls() {
        return scan.listingCalls().stream().filter(call -> !deviceNamesOf(call).isEmpty()).toList();
    }

    private void assertReadAs(ManualScan.Reads reads, TaskState task, TaskStatus status) {
        OtaTask read = reads.task(task.taskId());
        assertNotNull(read, task.taskId() + " was not read");
        assertEquals(status.wireName(), read.taskStatus(), task.taskId());
    }

    // 1. SUCCEEDED and CANCELED tasks never change again.

    @Test
    void finalTasksAreNeitherListedNorReReadByName() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(600).initially(TaskStatus.SUCCEEDED, 0.5)
                .initially(TaskStatus.CANCELED, 0.2).seed(101));
        int queued = scan.tasksIn(jobId, TaskStatus.QUEUED).size();
        scan.deliverWholeJob(jobId);
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, false);

        assertEquals(Set.of("QUEUED"), listedStatuses());
        assertEquals(List.of(), byNameCalls());
        assertTrue(reads.tasks().stream().allMatch(task -> task.taskStatus().equals("QUEUED")));
        assertEquals(1 + ListingReader.pagesFor(queued, 100), reads.reader.calls());
        assertTrue(result.complete());
    }

    // 2. Every status known tasks can still change from, except FAILED, is listed in full ...

    @Test
    void everyStatusAKnownTaskCanChangeFromIsListedInFullSoItsChangesNeedNoReReadByName() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(400).initially(TaskStatus.NOTIFIED, 0.2)
                .initially(TaskStatus.IN_PROGRESS, 0.2).initially(TaskStatus.SUCCEEDED, 0.3).seed(102));
        scan.deliverWholeJob(jobId);
        scan.fixture.clock.advanceSeconds(10);
        TaskState queuedToNotified = scan.tasksIn(jobId, TaskStatus.QUEUED).get(3);
        TaskState notifiedToInProgress = scan.tasksIn(jobId, TaskStatus.NOTIFIED).get(5);
        TaskState inProgressAgain = scan.tasksIn(jobId, TaskStatus.IN_PROGRESS).get(7);
        move(jobId, queuedToNotified, TaskStatus.NOTIFIED);
        move(jobId, notifiedToInProgress, TaskStatus.IN_PROGRESS);
        move(jobId, inProgressAgain, TaskStatus.IN_PROGRESS);
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, false);

        assertEquals(Set.of("QUEUED", "NOTIFIED", "IN_PROGRESS"), listedStatuses(),
                "CONFIRM, PAUSED_BY_VENDOR: no known task is in them, nothing to list");
        assertReadAs(reads, queuedToNotified, TaskStatus.NOTIFIED);
        assertReadAs(reads, notifiedToInProgress, TaskStatus.IN_PROGRESS);
        assertEquals(scan.fixture.clock.now().getEpochSecond(),
                reads.task(inProgressAgain.taskId()).utcModified().getEpochSecond(), "its new state");
        assertTrue(scan.index.unsettled().stream().allMatch(task -> reads.observed(task.key())));
        assertEquals(List.of(), byNameCalls(), "every task that can change was in a listing");
        assertEquals(0, result.moved());
        assertTrue(result.complete());
    }

    // 2 and 5. A status no known task is in is not listed: only a task new to the connector can be there, and the
    // job's total reveals it.

    @Test
    void aTaskNewToTheConnectorShowsInTheJobTotalWhichIsAskedFirstForOneCall() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(300).initially(TaskStatus.SUCCEEDED, 0.5).seed(103));
        TaskState newcomer = withheldNotifiedTask(jobId);
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, false);

        assertTrue(result.needsFullScan());
        assertEquals(300, result.total());
        assertEquals(1, reads.reader.calls(), "the mismatch costs one call before the full listing");
        RecordedCall only = scan.listingCalls().get(0);
        assertTrue(isTotal(only) && statusOf(only) == null, only.toString());
        assertFalse(reads.read(newcomer.taskId()));
    }

    @Test
    void aGrowingJobAsksItsTotalLastAndStillSeesANewTaskNoListingReached() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(300).initially(TaskStatus.SUCCEEDED, 0.5).seed(103));
        TaskState newcomer = withheldNotifiedTask(jobId);
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, true);

        assertTrue(result.needsFullScan());
        assertEquals(Set.of("QUEUED"), listedStatuses());
        List<RecordedCall> calls = scan.listingCalls();
        assertTrue(isTotal(calls.get(calls.size() - 1)), "the total comes last");
        assertFalse(reads.read(newcomer.taskId()));
    }

    /** One task, the job's only NOTIFIED one, that the index has never been given. */
    private TaskState withheldNotifiedTask(String jobId) throws InterruptedException {
        TaskState newcomer = scan.tasksIn(jobId, TaskStatus.QUEUED).get(10);
        move(jobId, newcomer, TaskStatus.NOTIFIED);
        scan.deliverWholeJobBut(jobId, task -> task.taskId().equals(newcomer.taskId()));
        assertEquals(299, scan.index.size());
        return newcomer;
    }

    // 5. ... only for a job that keeps growing is it asked last, so that devices added to a listed status are found
    // by the listing instead of costing a full listing every cycle.

    @Test
    void aGrowingJobFindsDevicesAddedToAListedStatusWithoutAFullListing() throws Exception {
        String jobId = scan.scenario().addJob(JobSpec.upgrade().dynamic(1.0).taskCount(30).changeRate(0).seed(104)
                .build());
        scan.deliverWholeJob(jobId);
        scan.fixture.clock.advanceSeconds(5);
        List<TaskState> added = scan.scenario().truth(jobId).tasks().subList(30, 35);
        assertEquals(35, scan.scenario().truth(jobId).taskCount());
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, true);

        assertFalse(result.needsFullScan(), "the QUEUED listing found them");
        assertEquals(35, result.total());
        assertTrue(added.stream().allMatch(task -> reads.read(task.taskId())));
        List<RecordedCall> calls = scan.listingCalls();
        assertTrue(isTotal(calls.get(calls.size() - 1)), "the total comes last");

        scan.forgetCalls();
        ManualScan.Reads notGrowing = scan.reads(jobId);
        assertTrue(changeScan(notGrowing, NOT_RETRIED, false).needsFullScan(),
                "asked first, the same growth would cost a full listing");
        assertEquals(1, notGrowing.reader.calls());
    }

    // 3. A task that was in a listed status and is in none of those listings now moved: it is re-read by its
    // device name, 50 a call, wherever it now is.

    @Test
    void aKnownTaskThatMovedToAStatusNobodyListsIsReReadByNameFiftyACall() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(500).initially(TaskStatus.SUCCEEDED, 0.5).seed(105));
        scan.deliverWholeJob(jobId);
        scan.fixture.clock.advanceSeconds(10);
        List<TaskState> leaving = scan.tasksIn(jobId, TaskStatus.QUEUED).subList(0, 60);
        for (int i = 0; i < leaving.size(); i++) {
            move(jobId, leaving.get(i), i % 2 == 0 ? TaskStatus.CANCELED : TaskStatus.SUCCEEDED);
        }
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, false);

        for (int i = 0; i < leaving.size(); i++) {
            assertReadAs(reads, leaving.get(i), i % 2 == 0 ? TaskStatus.CANCELED : TaskStatus.SUCCEEDED);
        }
        assertEquals(Set.of("QUEUED"), listedStatuses());
        assertEquals(List.of(50, 10), byNameCalls().stream().map(call -> deviceNamesOf(call).size()).toList());
        assertEquals(60, result.moved());
        assertFalse(result.needsFullScan(), "moving between statuses does not change the job's total");
        assertTrue(result.complete());
    }

    @Test
    void aRowThatMovedBetweenPagesWhileItsListingWasReadIsReReadByNameNotWithAnotherPass() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(300).initially(TaskStatus.SUCCEEDED, 0.2).seed(106));
        List<TaskState> queued = scan.tasksIn(jobId, TaskStatus.QUEUED);
        assertTrue(queued.size() > 200);
        scan.deliverWholeJob(jobId);
        ManualScan.Reads reads = scan.reads(jobId);
        // Once page one is read, its first task starts: every later row moves up, the first of page two onto page one.
        boolean[] moved = {false};
        reads.onRow(task -> task.taskId().equals(queued.get(99).taskId()) && !moved[0], () -> {
            move(jobId, queued.get(0), TaskStatus.IN_PROGRESS);
            moved[0] = true;
        });
        TaskState skipped = queued.get(100);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, false);

        assertReadAs(reads, skipped, TaskStatus.QUEUED);
        assertEquals(List.of(List.of(skipped.deviceName())), byNameCalls().stream().map(ManualScan::deviceNamesOf)
                .toList());
        assertEquals(ListingReader.pagesFor(queued.size(), 100),
                scan.listingCalls().stream().filter(ManualScan::isListingPage).count(), "one pass");
        assertEquals(1, result.moved());
        assertFalse(result.needsFullScan());
    }

    @Test
    void aTaskThatLeftItsListingWithoutADeviceNameAsksForAFullListing() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(200).initially(TaskStatus.SUCCEEDED, 0.5).seed(107));
        TaskState nameless = scan.tasksIn(jobId, TaskStatus.QUEUED).get(5);
        scan.fixture.simulator.rowDefects().malformTask(jobId, nameless.taskId(), RowDefect.BLANK_DEVICE_NAME, 1);
        scan.deliverWholeJob(jobId);
        assertTrue(scan.index.unsettled().stream().anyMatch(task -> task.deviceName() == null));
        scan.fixture.clock.advanceSeconds(10);
        move(jobId, nameless, TaskStatus.SUCCEEDED);
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, false);

        assertTrue(result.needsFullScan(), "nothing else can say where it went");
    }

    @Test
    void aReReadByNameTheVendorRefusesAsksForAFullListing() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(200).initially(TaskStatus.SUCCEEDED, 0.5).seed(108));
        scan.deliverWholeJob(jobId);
        scan.fixture.clock.advanceSeconds(10);
        scan.tasksIn(jobId, TaskStatus.QUEUED).stream().limit(3).forEach(task -> move(jobId, task, TaskStatus.SUCCEEDED));
        ManualScan.Reads reads = scan.reads(new RefusingDeviceNames(scan.fixture.api), jobId, 100);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, false);

        assertTrue(result.needsFullScan());
    }

    // 2. A status the vendor refuses as a filter cannot be listed: its known tasks are re-read by name.

    @Test
    void knownTasksInAStatusTheVendorRefusesAsAFilterAreReReadByNameEveryScan() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(500).initially(TaskStatus.CONFIRM, 0.05)
                .initially(TaskStatus.SUCCEEDED, 0.5).seed(109));
        List<TaskState> confirm = scan.tasksIn(jobId, TaskStatus.CONFIRM);
        scan.deliverWholeJob(jobId);
        scan.fixture.clock.advanceSeconds(10);
        move(jobId, confirm.get(0), TaskStatus.IN_PROGRESS);
        ManualScan.Reads first = scan.reads(jobId);

        assertFalse(changeScan(first, NOT_RETRIED, false).needsFullScan());

        assertReadAs(first, confirm.get(0), TaskStatus.IN_PROGRESS);
        assertTrue(confirm.stream().allMatch(task -> first.read(task.taskId())));
        assertEquals(Map.of("CONFIRM", 1L), scan.fixture.simulator.refusedStatusFilters());
        first.deliver();
        scan.forgetCalls();
        scan.fixture.clock.advanceSeconds(10);
        move(jobId, confirm.get(1), TaskStatus.SUCCEEDED);
        ManualScan.Reads second = scan.reads(jobId);

        TaskCoverage result = changeScan(second, NOT_RETRIED, false);

        assertReadAs(second, confirm.get(1), TaskStatus.SUCCEEDED);
        assertTrue(confirm.stream().skip(1).allMatch(task -> second.read(task.taskId())));
        assertFalse(listedStatuses().contains("CONFIRM"));
        assertEquals(Map.of("CONFIRM", 1L), scan.fixture.simulator.refusedStatusFilters(), "not asked for again");
        assertEquals(0, result.moved(), "followed by name as a matter of course, not as tasks that left a listing");
        assertFalse(result.needsFullScan());
    }

    // 4. A FAILED task changes only when the retry policy re-queues it: while it may, it is re-read by name ...

    @Test
    void aFailedTaskThatMayBeRetriedIsReReadByNameSoARetryThatRanToItsEndIsSeen() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(400).initially(TaskStatus.FAILED, 0.1)
                .initially(TaskStatus.SUCCEEDED, 0.5).seed(110));
        List<TaskState> failed = scan.tasksIn(jobId, TaskStatus.FAILED);
        scan.deliverWholeJob(jobId);
        scan.fixture.clock.advanceSeconds(10);
        move(jobId, failed.get(0), TaskStatus.QUEUED);
        move(jobId, failed.get(0), TaskStatus.SUCCEEDED);
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = changeScan(reads, FAILED_MAY_BE_RETRIED, false);

        assertReadAs(reads, failed.get(0), TaskStatus.SUCCEEDED);
        Set<String> byName = new HashSet<>();
        byNameCalls().forEach(call -> byName.addAll(deviceNamesOf(call)));
        assertEquals(failed.stream().map(TaskState::deviceName).collect(Collectors.toSet()), byName);
        assertTrue(scan.listingCalls().stream().noneMatch(call -> "FAILED".equals(statusOf(call))),
                "neither the FAILED total nor the FAILED listing");
        assertTrue(result.complete());
    }

    // 4. ... otherwise the FAILED total is asked, and only if it fell below the FAILED tasks known is more read.

    @Test
    void failedTasksOutsideTheRetryWindowCostOneCallForTheFailedTotal() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(400).initially(TaskStatus.FAILED, 0.1)
                .initially(TaskStatus.SUCCEEDED, 0.5).seed(110));
        int queued = scan.tasksIn(jobId, TaskStatus.QUEUED).size();
        scan.deliverWholeJob(jobId);
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, false);

        List<RecordedCall> failedCalls = scan.listingCalls().stream()
                .filter(call -> "FAILED".equals(statusOf(call))).toList();
        assertEquals(1, failedCalls.size());
        assertTrue(isTotal(failedCalls.get(0)));
        assertEquals(List.of(), byNameCalls());
        assertEquals(1 + ListingReader.pagesFor(queued, 100) + 1, reads.reader.calls());
        assertTrue(result.complete());
    }

    @Test
    void aFailedTaskRetriedLaterThanExpectedShowsInTheFailedTotalAndIsFoundByName() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(400).initially(TaskStatus.FAILED, 0.1)
                .initially(TaskStatus.SUCCEEDED, 0.5).seed(110));
        List<TaskState> failed = scan.tasksIn(jobId, TaskStatus.FAILED);
        scan.deliverWholeJob(jobId);
        scan.fixture.clock.advanceSeconds(10);
        TaskState retried = failed.get(2);
        move(jobId, retried, TaskStatus.QUEUED);
        move(jobId, retried, TaskStatus.SUCCEEDED);
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, false);

        assertReadAs(reads, retried, TaskStatus.SUCCEEDED);
        List<RecordedCall> calls = scan.listingCalls();
        int failedTotal = indexOf(calls, call -> isTotal(call) && "FAILED".equals(statusOf(call)));
        int failedListing = indexOf(calls, call -> isListingPage(call) && "FAILED".equals(statusOf(call)));
        int byName = indexOf(calls, call -> deviceNamesOf(call).equals(List.of(retried.deviceName())));
        assertTrue(0 <= failedTotal && failedTotal < failedListing && failedListing < byName, calls.toString());
        assertFalse(result.needsFullScan());
    }

    @Test
    void aFailedTaskReQueuedIntoAListedStatusIsFoundThereSoTheFailedTotalAddsUp() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(400).initially(TaskStatus.FAILED, 0.1)
                .initially(TaskStatus.SUCCEEDED, 0.5).seed(110));
        TaskState requeued = scan.tasksIn(jobId, TaskStatus.FAILED).get(4);
        scan.deliverWholeJob(jobId);
        scan.fixture.clock.advanceSeconds(10);
        move(jobId, requeued, TaskStatus.QUEUED);
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, false);

        assertReadAs(reads, requeued, TaskStatus.QUEUED);
        assertTrue(scan.listingCalls().stream().noneMatch(call -> isListingPage(call) && "FAILED".equals(statusOf(call))),
                "the FAILED total counts it where it is now: nothing is missing from FAILED");
        assertEquals(List.of(), byNameCalls());
        assertTrue(result.complete());
    }

    private static int indexOf(List<RecordedCall> calls, Predicate<RecordedCall> match) {
        for (int i = 0; i < calls.size(); i++) {
            if (match.test(calls.get(i))) {
                return i;
            }
        }
        return -1;
    }

    // Cost: estimatedCalls says what run will cost, before it runs.

    @Test
    void theEstimateIsWhatAQuietScanCosts() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(600).initially(TaskStatus.IN_PROGRESS, 0.05)
                .initially(TaskStatus.FAILED, 0.05).initially(TaskStatus.SUCCEEDED, 0.5).seed(111));
        scan.deliverWholeJob(jobId);
        long estimate = ChangeScan.estimatedCalls(scan.index, 100, NOT_RETRIED, 0, scan.filters::mayFilter);
        ManualScan.Reads reads = scan.reads(jobId);

        changeScan(reads, NOT_RETRIED, false);

        assertEquals(estimate, reads.reader.calls());
        assertEquals(scan.listingCalls().size(), reads.reader.calls(), "as the vendor counted them");
    }

    @Test
    void theEstimateCountsAsManyReReadsByNameAsTasksLeftTheirListingLastTime() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(600).initially(TaskStatus.IN_PROGRESS, 0.05)
                .initially(TaskStatus.FAILED, 0.05).initially(TaskStatus.SUCCEEDED, 0.5).seed(111));
        List<TaskState> queued = scan.tasksIn(jobId, TaskStatus.QUEUED);
        // As many as leave the page count of the QUEUED listing as it is, so that only the re-reads differ.
        int leaving = Math.min(60, (queued.size() - 1) % 100);
        assertTrue(leaving >= 5, "seed gives " + queued.size() + " QUEUED tasks");
        scan.deliverWholeJob(jobId);
        scan.fixture.clock.advanceSeconds(10);
        queued.stream().limit(leaving).forEach(task -> move(jobId, task, TaskStatus.CANCELED));
        long estimate = ChangeScan.estimatedCalls(scan.index, 100, NOT_RETRIED, leaving, scan.filters::mayFilter);
        ManualScan.Reads reads = scan.reads(jobId);

        TaskCoverage result = changeScan(reads, NOT_RETRIED, false);

        assertEquals(leaving, result.moved());
        assertEquals(estimate, reads.reader.calls());
    }

    @Test
    void theEstimateCountsTasksThatMayBeRetriedOrCannotBeListedAsReReadsByName() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(600).initially(TaskStatus.CONFIRM, 0.05)
                .initially(TaskStatus.FAILED, 0.05).initially(TaskStatus.SUCCEEDED, 0.5).seed(112));
        scan.deliverWholeJob(jobId);
        changeScan(scan.reads(jobId), FAILED_MAY_BE_RETRIED, false);
        scan.forgetCalls();
        assertFalse(scan.filters.mayFilter("CONFIRM"), "the first scan learned that CONFIRM cannot be listed");
        long estimate = ChangeScan.estimatedCalls(scan.index, 100, FAILED_MAY_BE_RETRIED, 0, scan.filters::mayFilter);
        ManualScan.Reads reads = scan.reads(jobId);

        changeScan(reads, FAILED_MAY_BE_RETRIED, false);

        assertEquals(estimate, reads.reader.calls());
        assertTrue(byNameCalls().size() >= 2, "CONFIRM and FAILED tasks, by name");
    }

    @Test
    void withoutAKnownCountOfMovedTasksTheEstimateAssumesEveryListedTaskMoved() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(600).initially(TaskStatus.IN_PROGRESS, 0.05)
                .initially(TaskStatus.SUCCEEDED, 0.5).seed(113));
        scan.deliverWholeJob(jobId);
        Map<String, Long> counts = scan.index.countsByStatus();
        long listed = counts.get("QUEUED") + counts.get("IN_PROGRESS");

        long unknown = ChangeScan.estimatedCalls(scan.index, 100, NOT_RETRIED, -1, scan.filters::mayFilter);
        long none = ChangeScan.estimatedCalls(scan.index, 100, NOT_RETRIED, 0, scan.filters::mayFilter);

        assertEquals((listed + 49) / 50, unknown - none);
    }

    /** Refuses every re-read by device name, as a vendor refuses names it cannot parse. */
    private static final class RefusingDeviceNames extends ForwardingOtaApi {
        RefusingDeviceNames(OtaApi delegate) {
            super(delegate);
        }

        @Override
        public TaskPage listTasks(TaskQuery query) throws InterruptedException {
            if (!query.deviceNames().isEmpty()) {
                throw new FatalApiException(FatalApiException.Reason.REQUEST, "ListOTATaskByJob",
                        "iot.common.InvalidFormattedParameter", "R-names", 200, "the vendor refused the names");
            }
            return super.listTasks(query);
        }
    }
}
