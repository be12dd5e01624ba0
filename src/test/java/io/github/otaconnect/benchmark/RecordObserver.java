package io.github.otaconnect.benchmark;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.simulator.JobTruth;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.simulator.TaskStatus;
import io.github.otaconnect.source.JobScannerBenchmark;

/**
 * Stands where Kafka would: receives the records as the scanner hands them over, counts them, notes the
 * wall time of the hand-over against each change's time (latency: from its UtcModified, or to the
 * millisecond from {@link ChangeTimes} when the benchmark made the change), and, for one job, keeps the latest
 * emitted state of each task in a primitive array so that the stream can be compared with the simulator's
 * truth without holding on to records. Called by one scanning thread at a time.
 */
final class RecordObserver implements JobScannerBenchmark.Sink {

    private static final long NEVER = Long.MIN_VALUE;

    private final String taskTopic;
    private final JobTruth identities;
    private final long[] latest;
    private final Latencies latencies = new Latencies();
    private volatile long latencyFromMs = Long.MAX_VALUE;
    private volatile ChangeTimes changeTimes;
    private Runnable afterEachChunk = () -> { };
    private Consumer<List<SourceRecord>> alsoTo = chunk -> { };
    // written by the scanning thread only; volatile so that a reporter on another thread sees progress
    private volatile long taskRecords;
    private volatile long jobRecords;

    /** Counts only. */
    RecordObserver(String taskTopic) {
        this(taskTopic, null);
    }

    /**
     * @param identities a truth snapshot of the one job whose stream is checked: it maps task IDs to indices
     *                   (null: counts only)
     */
    RecordObserver(String taskTopic, JobTruth identities) {
        this.taskTopic = taskTopic;
        this.identities = identities;
        this.latest = identities == null ? new long[0] : new long[identities.taskCount()];
        Arrays.fill(latest, NEVER);
    }

    /** From now on, measure the latency of the changes modified at or after {@code epochMs}. */
    void measureLatencyFrom(long epochMs) {
        latencyFromMs = epochMs;
    }

    /**
     * From now on, measure the latency of the changes recorded in {@code times}, from the moment the
     * simulator made each visible (instead of from its {@code UtcModified}); other states are not measured.
     */
    RecordObserver measureLatencyFrom(ChangeTimes times) {
        this.changeTimes = times;
        return this;
    }

    /** Hands each chunk on to {@code consumer} too, on the scanning thread, after taking it in. */
    RecordObserver alsoTo(Consumer<List<SourceRecord>> consumer) {
        this.alsoTo = consumer;
        return this;
    }

    /** Runs on the scanning thread after each chunk has been taken in. */
    void afterEachChunk(Runnable action) {
        this.afterEachChunk = action;
    }

    @Override
    public void accept(List<SourceRecord> chunk) {
        long handedOverMs = System.currentTimeMillis();
        for (SourceRecord record : chunk) {
            if (!record.topic().equals(taskTopic)) {
                jobRecords++;
                continue;
            }
            Struct value = (Struct) record.value();
            task(value.getString("task_id"), value.getString("task_status"), value.getFloat64("progress"),
                    (Date) value.get("utc_modified"), handedOverMs);
        }
        alsoTo.accept(chunk);
        afterEachChunk.run();
    }

    /** Task states handed over by a reader that builds no records (the full re-reader), all at this moment. */
    void acceptTasks(List<OtaTask> tasks) {
        long handedOverMs = System.currentTimeMillis();
        for (OtaTask task : tasks) {
            task(task.taskId(), task.taskStatus(), task.progress(),
                    task.utcModified() == null ? null : Date.from(task.utcModified()), handedOverMs);
        }
    }

    private void task(String taskId, String status, Double progress, Date modified, long handedOverMs) {
        taskRecords++;
        ChangeTimes times = changeTimes;
        if (times != null) {
            Long changedAt = times.changedAt(taskId, status, modified == null ? null : modified.toInstant());
            if (changedAt != null) {
                latencies.add(handedOverMs - changedAt);
            }
        } else if (modified != null && modified.getTime() >= latencyFromMs) {
            latencies.add(handedOverMs - modified.getTime());
        }
        if (identities != null) {
            identities.task(taskId).ifPresent(truth -> latest[truth.index()] = state(status, progress, modified));
        }
    }

    long taskRecords() {
        return taskRecords;
    }

    long jobRecords() {
        return jobRecords;
    }

    Latencies latencies() {
        return latencies;
    }

    /** The latest emitted state of every task against the truth (status, progress, UtcModified). */
    Convergence compareWith(JobTruth truth) {
        long neverEmitted = 0;
        long differing = 0;
        StringBuilder examples = new StringBuilder();
        for (int i = 0; i < truth.taskCount(); i++) {
            TaskState task = truth.task(i);
            long expected = state(task.taskStatus(), (double) task.progress(), Date.from(task.utcModified()));
            long seen = i < latest.length ? latest[i] : NEVER;
            if (seen == expected) {
                continue;
            }
            if (seen == NEVER) {
                neverEmitted++;
            } else {
                differing++;
            }
            if (examples.length() < 400) {
                examples.append(task.taskId()).append(seen == NEVER ? " never emitted" : " stale").append(", truth ")
                        .append(task.taskStatus()).append('/').append(task.progress()).append('/')
                        .append(task.utcModified()).append("; ");
            }
        }
        return new Convergence(truth.taskCount(), neverEmitted, differing, examples.toString());
    }

    /** A task state as one long: UtcModified seconds, progress, status. */
    private static long state(String status, Double progress, Date modified) {
        long statusCode = status == null ? 31 : TaskStatus.fromWire(status).map(Enum::ordinal).orElse(30);
        long progressCode = progress == null ? 255 : Math.round(progress) & 0xFF;
        long seconds = modified == null ? -1 : Math.floorDiv(modified.getTime(), 1000L);
        return (seconds << 16) | (progressCode << 8) | statusCode;
    }

    /** The outcome of a convergence check: every task's latest record equals the truth when both counts are 0. */
    record Convergence(long tasksChecked, long neverEmitted, long stale, String examples) {
        boolean converged() {
            return neverEmitted == 0 && stale == 0;
        }
    }
}
