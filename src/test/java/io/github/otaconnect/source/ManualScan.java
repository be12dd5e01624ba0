package io.github.otaconnect.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.carrotsearch.hppc.LongHashSet;

import io.github.otaconnect.api.OtaActions;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.RecordedCall;
import io.github.otaconnect.simulator.Scenario;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.simulator.TaskStatus;

/**
 * The parts of a scan wired by hand on the simulator, without {@link JobScanner}, so that a test can drive
 * one listing strategy and see exactly what it read and asked for: an index the test delivers into, the
 * status filters one task learns, and per scan a {@link Reads} that is the reader's sink and the strategy's
 * {@link ScanView}. Nothing is delivered unless the test says so.
 */
final class ManualScan implements AutoCloseable {

    static final int PAGE_SIZE = 100;

    final ScanFixture fixture = new ScanFixture();
    final TaskIndex index = new TaskIndex();
    final StatusFilters filters = new StatusFilters();

    /** Adds a job that moves only when the test moves it, without a retry policy. */
    String addStillJob(JobSpec.Builder spec) {
        return scenario().addJob(spec.changeRate(0).noRetry().build());
    }

    /** The job's tasks the simulator holds in {@code status} now. */
    List<TaskState> tasksIn(String jobId, TaskStatus status) {
        return scenario().truth(jobId).tasks().stream()
                .filter(task -> task.taskStatus().equals(status.wireName())).toList();
    }

    Scenario scenario() {
        return fixture.scenario();
    }

    Reads reads(String jobId) {
        return reads(fixture.api, jobId, PAGE_SIZE);
    }

    Reads reads(OtaApi api, String jobId, int pageSize) {
        return new Reads(api, jobId, pageSize);
    }

    /** Reads the whole (small) job and delivers every task, as a first complete scan would. */
    Reads deliverWholeJob(String jobId) throws InterruptedException {
        return deliverWholeJobBut(jobId, task -> false);
    }

    /** As {@link #deliverWholeJob}, leaving out the tasks {@code withheld} selects: the index is then incomplete. */
    Reads deliverWholeJobBut(String jobId, Predicate<OtaTask> withheld) throws InterruptedException {
        Reads first = reads(jobId);
        ListingReader.Listing all = first.reader.readAll(null);
        if (all.beyondWindow() > 0 || all.missed() > 0) {
            throw new IllegalStateException("the job is too large to be delivered by one listing: " + all);
        }
        first.deliver(withheld.negate());
        forgetCalls();
        return first;
    }

    /** The ListOTATaskByJob calls the simulator received since {@link #forgetCalls()} (at most its call log). */
    List<RecordedCall> listingCalls() {
        return fixture.simulator.recentCalls().stream()
                .filter(call -> OtaActions.LIST_OTA_TASK_BY_JOB.equals(call.action())).toList();
    }

    long listingCallCount() {
        return fixture.simulator.counters().snapshot().total(OtaActions.LIST_OTA_TASK_BY_JOB);
    }

    void forgetCalls() {
        fixture.simulator.clearRecentCalls();
    }

    /** The status filter of a call, null for none. */
    static String statusOf(RecordedCall call) {
        return call.params().get("TaskStatus");
    }

    /** The {@code DeviceNames.N} of a call. */
    static List<String> deviceNamesOf(RecordedCall call) {
        List<String> names = new ArrayList<>();
        for (int n = 1; call.params().containsKey("DeviceNames." + n); n++) {
            names.add(call.params().get("DeviceNames." + n));
        }
        return names;
    }

    static int pageSizeOf(RecordedCall call) {
        return Integer.parseInt(call.params().get("PageSize"));
    }

    static int pageOf(RecordedCall call) {
        return Integer.parseInt(call.params().getOrDefault("CurrentPage", "1"));
    }

    /** A call that asks for the listing's total only: one row, no device names. */
    static boolean isTotal(RecordedCall call) {
        return pageSizeOf(call) == 1 && deviceNamesOf(call).isEmpty();
    }

    /** A call that reads a page of a listing, unfiltered or by status. */
    static boolean isListingPage(RecordedCall call) {
        return !isTotal(call) && deviceNamesOf(call).isEmpty();
    }

    @Override
    public void close() {
        fixture.close();
    }

    /**
     * One scan's reads: every row the reader hands over, newest read last, and what the scan in progress
     * knows from them together with the index. A test may act when a given row is read, to move rows
     * between pages while a listing is read.
     */
    final class Reads implements ScanView, ListingReader.RowSink {
        final ListingReader reader;
        private final Map<String, Observation> latest = new LinkedHashMap<>();
        private final LongHashSet keys = new LongHashSet();
        private final Set<String> statuses = new LinkedHashSet<>();
        private final List<Trigger> triggers = new ArrayList<>();
        private boolean keepTasks = true;
        private int rows;

        private Reads(OtaApi api, String jobId, int pageSize) {
            this.reader = new ListingReader(api, jobId, pageSize, this, filters);
        }

        private record Trigger(Predicate<OtaTask> when, Runnable action) {
        }

        /** Runs {@code action} each time a row matching {@code when} is read, right after it is handed over. */
        Reads onRow(Predicate<OtaTask> when, Runnable action) {
            triggers.add(new Trigger(when, action));
            return this;
        }

        /**
         * Keeps only which tasks were read, not their states: for a job of 100,000 tasks and more, read into an
         * empty index. What this view says of counts and known tasks then holds for the index alone.
         */
        Reads keepNoTasks() {
            keepTasks = false;
            return this;
        }

        @Override
        public void accept(Observation observation) {
            OtaTask task = observation.task();
            rows++;
            keys.add(TaskIndex.key(task.taskId()));
            statuses.add(task.taskStatus() == null ? "" : task.taskStatus());
            if (keepTasks) {
                latest.put(task.taskId(), observation);
            }
            for (Trigger trigger : List.copyOf(triggers)) {
                if (trigger.when().test(task)) {
                    trigger.action().run();
                }
            }
        }

        /** Rows handed over, a task read twice counting twice. */
        int rows() {
            return rows;
        }

        /** Distinct tasks read. */
        int distinct() {
            return keys.size();
        }

        boolean read(String taskId) {
            return latest.containsKey(taskId);
        }

        /** The task's state as last read in this scan, null if it was not read. */
        OtaTask task(String taskId) {
            Observation observation = latest.get(taskId);
            return observation == null ? null : observation.task();
        }

        List<OtaTask> tasks() {
            return latest.values().stream().map(Observation::task).toList();
        }

        /** Delivers every task read into the index. */
        void deliver() {
            deliver(task -> true);
        }

        void deliver(Predicate<OtaTask> which) {
            for (Observation observation : latest.values()) {
                if (which.test(observation.task())) {
                    index.deliver(observation.task(), observation.fingerprint());
                }
            }
        }

        @Override
        public boolean observed(long taskKey) {
            return keys.contains(taskKey);
        }

        @Override
        public long currentCount(String status) {
            long count = index.countsByStatus().getOrDefault(status, 0L);
            for (Observation observation : latest.values()) {
                String taskStatus = observation.task().taskStatus() == null ? "" : observation.task().taskStatus();
                if (status.equals(index.status(observation.task().taskId()))) {
                    count--;
                }
                if (status.equals(taskStatus)) {
                    count++;
                }
            }
            return count;
        }

        @Override
        public long knownTasks() {
            return index.size() + latest.keySet().stream().filter(id -> index.delivered(id) == null).count();
        }

        @Override
        public Set<String> knownStatuses() {
            Set<String> known = new LinkedHashSet<>(index.countsByStatus().keySet());
            known.addAll(statuses);
            known.remove("");
            return known;
        }
    }
}
