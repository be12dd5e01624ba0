package io.github.otaconnect.source;

import static io.github.otaconnect.source.ManualScan.deviceNamesOf;
import static io.github.otaconnect.source.ManualScan.pageOf;
import static io.github.otaconnect.source.ManualScan.pageSizeOf;
import static io.github.otaconnect.source.ManualScan.statusOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.FatalApiException;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.RecordedCall;
import io.github.otaconnect.simulator.RowDefect;
import io.github.otaconnect.simulator.RowDefects;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.simulator.TaskStatus;

/**
 * What one reader promises a scan: whole listings page by page in its page size, repeated while rows moved
 * away; totals for one row; re-reads by name 50 a call; a refused status filter taken as not filterable and
 * never asked for again; and every call counted.
 */
class ListingReaderTest {

    private final ManualScan scan = new ManualScan();

    @AfterEach
    void close() {
        scan.close();
    }

    @Test
    void aListingIsReadPageByPageInTheConfiguredPageSize() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).initially(TaskStatus.SUCCEEDED, 0.5).seed(1));
        ManualScan.Reads reads = scan.reads(jobId);

        ListingReader.Listing listing = reads.reader.readAll(null);

        assertEquals(new ListingReader.Listing(250, 250, 0), listing);
        assertEquals(0, listing.missed());
        assertEquals(250, reads.distinct());
        assertEquals(250, reads.rows(), "one pass: nothing was missing");
        List<RecordedCall> calls = scan.listingCalls();
        assertEquals(List.of(1, 2, 3), calls.stream().map(ManualScan::pageOf).toList());
        assertTrue(calls.stream().allMatch(call -> pageSizeOf(call) == 100 && statusOf(call) == null));
        assertEquals(3, reads.reader.calls());
    }

    @Test
    void aSmallerPageSizeCostsMorePages() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(20).seed(2));
        ManualScan.Reads reads = scan.reads(scan.fixture.api, jobId, 7);

        ListingReader.Listing listing = reads.reader.readAll("QUEUED");

        assertEquals(20, listing.total());
        assertEquals(20, reads.distinct());
        List<RecordedCall> calls = scan.listingCalls();
        assertEquals(List.of(1, 2, 3), calls.stream().map(ManualScan::pageOf).toList());
        assertTrue(calls.stream().allMatch(call -> pageSizeOf(call) == 7 && "QUEUED".equals(statusOf(call))));
        assertEquals(3, reads.reader.calls());
        assertEquals(3, ListingReader.pagesFor(20, 7));
    }

    @Test
    void anEmptyListingStillCostsItsFirstPage() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(20).seed(3));
        ManualScan.Reads reads = scan.reads(jobId);

        ListingReader.Listing listing = reads.reader.readAll("NOTIFIED");

        assertEquals(new ListingReader.Listing(0, 0, 0), listing);
        assertEquals(1, reads.reader.calls());
        assertEquals(1, ListingReader.pagesFor(0, 100));
    }

    @Test
    void aListingLargerThanTheCallerCanUseStopsAfterItsFirstPage() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).seed(4));
        ManualScan.Reads reads = scan.reads(jobId);

        ListingReader.Listing listing = reads.reader.readAll(null, 200);

        assertEquals(250, listing.total(), "the total tells the caller to split the listing");
        assertEquals(1, reads.reader.calls());
        assertEquals(100, reads.distinct(), "the first page's rows are handed over all the same");
    }

    @Test
    void aPassThatMissedARowIsRepeatedAndTheRowFound() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).initially(TaskStatus.SUCCEEDED, 0.4).seed(5));
        List<TaskState> queued = scan.tasksIn(jobId, TaskStatus.QUEUED);
        ManualScan.Reads reads = scan.reads(jobId);
        String skipped = skipOneRowAfterPageOne(jobId, queued, reads);

        ListingReader.Listing listing = reads.reader.readAll(null);

        assertTrue(reads.read(skipped), "the second pass read the row the first one skipped");
        assertEquals(250, listing.distinct());
        assertEquals(0, listing.missed());
        assertEquals(6, reads.reader.calls(), "two passes of three pages");
    }

    @Test
    void readingOnceLeavesAMissedRowToTheCaller() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).initially(TaskStatus.SUCCEEDED, 0.4).seed(5));
        List<TaskState> queued = scan.tasksIn(jobId, TaskStatus.QUEUED);
        ManualScan.Reads reads = scan.reads(jobId);
        String skipped = skipOneRowAfterPageOne(jobId, queued, reads);

        ListingReader.Listing listing = reads.reader.readOnce(null);

        assertFalse(reads.read(skipped));
        assertEquals(249, listing.distinct());
        assertEquals(1, listing.missed());
        assertEquals(3, reads.reader.calls(), "one pass");
    }

    /**
     * Once the first page is read, the first QUEUED task finishes: every later row moves up one place, and
     * the row that was first on page two is on page one now. Returns that row's task.
     */
    private String skipOneRowAfterPageOne(String jobId, List<TaskState> queued, ManualScan.Reads reads) {
        String lastOfPageOne = queued.get(99).taskId();
        int[] fired = {0};
        reads.onRow(task -> task.taskId().equals(lastOfPageOne) && fired[0]++ == 0,
                () -> scan.scenario().changeTask(jobId, queued.get(0).index(), TaskStatus.SUCCEEDED));
        return queued.get(100).taskId();
    }

    @Test
    void aRowThatMovesAwayOnEveryPassIsMissedAfterThreePasses() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).initially(TaskStatus.SUCCEEDED, 0.4).seed(6));
        List<TaskState> queued = scan.tasksIn(jobId, TaskStatus.QUEUED);
        List<TaskState> succeeded = scan.tasksIn(jobId, TaskStatus.SUCCEEDED);
        TaskState dodger = succeeded.get(0);
        assertTrue(dodger.index() < queued.get(99).index(), "it lands on page one when QUEUED");
        ManualScan.Reads reads = scan.reads(jobId);
        dodge(jobId, dodger, queued.get(99).taskId(), succeeded.get(succeeded.size() - 1).taskId(), reads);

        ListingReader.Listing listing = reads.reader.readAll(null);

        assertFalse(reads.read(dodger.taskId()));
        assertEquals(249, listing.distinct());
        assertEquals(1, listing.missed());
        assertEquals(3 * 3, reads.reader.calls(), "three passes of three pages");
    }

    /**
     * Moves {@code dodger} out of every pass: into QUEUED (a page already read) once the last row of page one
     * is read, back to SUCCEEDED (behind the listing's end) once the last row of the listing is read.
     */
    private void dodge(String jobId, TaskState dodger, String lastOfPageOne, String lastOfListing,
                       ManualScan.Reads reads) {
        boolean[] queuedNow = {false};
        reads.onRow(task -> task.taskId().equals(lastOfPageOne) && !queuedNow[0], () -> {
            scan.scenario().changeTask(jobId, dodger.index(), TaskStatus.QUEUED);
            queuedNow[0] = true;
        });
        reads.onRow(task -> task.taskId().equals(lastOfListing) && queuedNow[0], () -> {
            scan.scenario().changeTask(jobId, dodger.index(), TaskStatus.SUCCEEDED);
            queuedNow[0] = false;
        });
    }

    @Test
    void aRowWithoutATaskIdIsCountedNotChasedWithAnotherPass() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).seed(7));
        TaskState broken = scan.scenario().truth(jobId).task(120);
        scan.fixture.simulator.rowDefects().malformTask(jobId, broken.taskId(), RowDefect.NO_TASK_ID, RowDefects.ALWAYS);
        ManualScan.Reads reads = scan.reads(jobId);

        ListingReader.Listing listing = reads.reader.readAll(null);

        assertEquals(249, listing.distinct());
        assertEquals(1, listing.missed());
        assertEquals(3, reads.reader.calls(), "another pass would not make the row usable");
        assertEquals(1, reads.reader.malformedRows());
    }

    @Test
    void aTotalCostsOneCallOfOneRow() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(250).initially(TaskStatus.SUCCEEDED, 0.4).seed(8));
        ManualScan.Reads reads = scan.reads(jobId);

        assertEquals(250, reads.reader.total(null));
        assertEquals(scan.tasksIn(jobId, TaskStatus.SUCCEEDED).size(), reads.reader.total("SUCCEEDED"));

        List<RecordedCall> calls = scan.listingCalls();
        assertEquals(2, calls.size());
        assertTrue(calls.stream().allMatch(call -> pageSizeOf(call) == 1 && pageOf(call) == 1));
        assertEquals(2, reads.reader.calls());
    }

    @Test
    void devicesAreReReadFiftyACallWhateverPageTheyAreOn() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(400).initially(TaskStatus.SUCCEEDED, 0.5).seed(9));
        List<TaskState> wanted = scan.scenario().truth(jobId).tasks().stream().filter(task -> task.index() % 3 == 0)
                .limit(120).toList();
        ManualScan.Reads reads = scan.reads(jobId);

        assertTrue(reads.reader.readDevices(wanted.stream().map(TaskState::deviceName).toList()));

        assertEquals(120, reads.distinct());
        assertTrue(wanted.stream().allMatch(task -> reads.read(task.taskId())));
        List<RecordedCall> calls = scan.listingCalls();
        assertEquals(List.of(50, 50, 20), calls.stream().map(call -> deviceNamesOf(call).size()).toList());
        assertTrue(calls.stream().allMatch(call -> statusOf(call) == null));
        assertEquals(3, reads.reader.calls());
    }

    @Test
    void noDevicesCostNoCall() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(20).seed(10));
        ManualScan.Reads reads = scan.reads(jobId);

        assertTrue(reads.reader.readDevices(List.of()));

        assertEquals(0, reads.reader.calls());
        assertEquals(0, scan.listingCallCount());
    }

    @Test
    void aRefusedBatchOfNamesIsReportedAndTheOtherBatchesAreStillRead() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(150).seed(11));
        List<TaskState> tasks = scan.scenario().truth(jobId).tasks();
        String unparsable = tasks.get(60).deviceName();
        ManualScan.Reads reads = scan.reads(new RefusingDevice(scan.fixture.api, unparsable), jobId, 100);

        boolean all = reads.reader.readDevices(tasks.stream().map(TaskState::deviceName).toList());

        assertFalse(all);
        assertEquals(3, reads.reader.calls(), "the refused call counts too");
        assertEquals(100, reads.distinct(), "the first and third batch");
        assertFalse(reads.read(tasks.get(60).taskId()));
        assertTrue(reads.read(tasks.get(0).taskId()) && reads.read(tasks.get(149).taskId()));
    }

    @Test
    void aStatusTheVendorRefusesAsAFilterIsNotFilterableAndNeverAskedForAgain() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(200).initially(TaskStatus.CONFIRM, 0.1).seed(12));
        ManualScan.Reads reads = scan.reads(jobId);
        assertTrue(reads.reader.mayList("CONFIRM"), "not refused yet: worth a try");

        assertTrue(reads.reader.readAll("CONFIRM").notFilterable());

        assertFalse(reads.reader.mayList("CONFIRM"));
        assertEquals(Map.of("CONFIRM", 1L), scan.fixture.simulator.refusedStatusFilters());
        assertTrue(reads.reader.readOnce("CONFIRM").notFilterable());
        assertEquals(ListingReader.NOT_FILTERABLE, reads.reader.total("CONFIRM"));
        ManualScan.Reads nextScan = scan.reads(jobId);
        assertTrue(nextScan.reader.readAll("CONFIRM", 10).notFilterable());
        assertEquals(Map.of("CONFIRM", 1L), scan.fixture.simulator.refusedStatusFilters(),
                "what the task learned holds for its later scans");
        assertEquals(1, reads.reader.calls() + nextScan.reader.calls());
        assertEquals(0, reads.distinct());
        assertTrue(reads.reader.mayList("QUEUED"));
    }

    @Test
    void aRefusedStatusAskedForItsTotalIsNotFilterableToo() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(20).seed(13));
        ManualScan.Reads reads = scan.reads(jobId);

        assertEquals(ListingReader.NOT_FILTERABLE, reads.reader.total("PAUSED_BY_VENDOR"));

        assertFalse(reads.reader.mayList("PAUSED_BY_VENDOR"));
        assertEquals(1, reads.reader.calls());
    }

    @Test
    void tasksReadInAStatusWhoseListingMayNotWorkAreCountedAndOnlyThose() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(300).initially(TaskStatus.CONFIRM, 0.1)
                .initially(TaskStatus.PAUSED_BY_VENDOR, 0.05).seed(14));
        int confirm = scan.tasksIn(jobId, TaskStatus.CONFIRM).size();
        int paused = scan.tasksIn(jobId, TaskStatus.PAUSED_BY_VENDOR).size();
        ManualScan.Reads reads = scan.reads(jobId);

        reads.reader.readAll(null);

        assertEquals(confirm, reads.reader.readIn(Set.of("CONFIRM")));
        assertEquals(confirm + paused, reads.reader.readIn(Set.of("CONFIRM", "PAUSED_BY_VENDOR")));
        assertEquals(0, reads.reader.readIn(Set.of("QUEUED")), "a documented status is not tracked");

        TaskState moved = scan.tasksIn(jobId, TaskStatus.CONFIRM).get(0);
        scan.scenario().changeTask(jobId, moved.index(), TaskStatus.IN_PROGRESS);
        reads.reader.readDevices(List.of(moved.deviceName()));
        assertEquals(confirm - 1, reads.reader.readIn(Set.of("CONFIRM")), "counted by the status last read");
    }

    @Test
    void everyCallIsCountedAsTheVendorSawIt() throws Exception {
        String jobId = scan.addStillJob(JobSpec.upgrade().taskCount(230).initially(TaskStatus.CONFIRM, 0.1).seed(15));
        ManualScan.Reads reads = scan.reads(jobId);
        List<String> names = new ArrayList<>();
        scan.scenario().truth(jobId).tasks().stream().limit(70).forEach(task -> names.add(task.deviceName()));

        reads.reader.readAll(null);
        reads.reader.readOnce("QUEUED");
        reads.reader.total(null);
        reads.reader.total("CONFIRM");
        reads.reader.readAll("CONFIRM");
        reads.reader.readDevices(names);

        assertEquals(scan.listingCallCount(), reads.reader.calls());
        assertEquals(3 + 3 + 1 + 1 + 0 + 2, reads.reader.calls());
    }

    /** Refuses every re-read by name that includes one device, as a vendor refuses a name it cannot parse. */
    private static final class RefusingDevice extends ForwardingOtaApi {
        private final String deviceName;

        RefusingDevice(OtaApi delegate, String deviceName) {
            super(delegate);
            this.deviceName = deviceName;
        }

        @Override
        public TaskPage listTasks(TaskQuery query) throws InterruptedException {
            if (query.deviceNames().contains(deviceName)) {
                throw new FatalApiException(FatalApiException.Reason.REQUEST, "ListOTATaskByJob",
                        "iot.common.InvalidFormattedParameter", "R-names", 200, "the vendor refused a name");
            }
            return super.listTasks(query);
        }
    }
}
