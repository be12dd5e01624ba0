package io.github.otaconnect.source;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.github.otaconnect.api.OtaJob;
import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.api.TaskStatus;

/**
 * Turns observed states into {@link SourceRecord}s: schemas from {@link RecordSchemas}, keys that make a
 * compacted topic hold the latest state per job and per device task, and the entity's {@code UtcModified}
 * as the record timestamp (the observation time when the API gave none).
 */
final class RecordFactory {

    private final String jobTopic;
    private final String taskTopic;
    private final String version;

    RecordFactory(String jobTopic, String taskTopic) {
        this.jobTopic = jobTopic;
        this.taskTopic = taskTopic;
        this.version = ConnectorVersion.get();
    }

    SourceRecord jobSnapshot(JobPartition partition, Map<String, ?> offset, JobSnapshot snapshot) {
        OtaJob job = snapshot.job();
        Struct key = new Struct(RecordSchemas.JOB_KEY).put("job_id", job.jobId());
        Struct value = new Struct(RecordSchemas.JOB)
                .put("job_id", job.jobId())
                .put("iot_instance_id", partition.iotInstanceId())
                .put("job_status", job.jobStatus())
                .put("job_type", job.jobType())
                .put("selection_type", job.selectionType())
                .put("target_selection", job.targetSelection())
                .put("product_key", job.productKey())
                .put("firmware_id", job.firmwareId())
                .put("firmware_name", job.firmwareName())
                .put("dest_version", job.destVersion())
                .put("src_versions", job.srcVersions())
                .put("job_desc", job.jobDesc())
                .put("dynamic_mode", job.dynamicMode())
                .put("gray_percent", job.grayPercent())
                .put("maximum_per_minute", job.maximumPerMinute())
                .put("overwrite_mode", job.overwriteMode())
                .put("retry_count", job.retryCount())
                .put("retry_interval_minutes", job.retryIntervalMinutes())
                .put("timeout_in_minutes", job.timeoutInMinutes())
                .put("utc_create", date(job.utcCreate()))
                .put("utc_modified", date(job.utcModified()))
                .put("utc_start_time", date(job.utcStartTime()))
                .put("utc_end_time", date(job.utcEndTime()))
                .put("utc_schedule_time", date(job.utcScheduleTime()))
                .put("utc_schedule_finish_time", date(job.utcScheduleFinishTime()))
                .put("task_total", snapshot.taskTotal())
                .put("fully_observable", snapshot.unreadableTasks() == 0)
                .put("unreadable_tasks", snapshot.unreadableTasks())
                .put("finished", snapshot.finished())
                .put("source", source(snapshot.requestId(), snapshot.observedAt()));
        putProgress(value, snapshot);
        return new SourceRecord(partition.toMap(), offset, jobTopic, null, RecordSchemas.JOB_KEY, key,
                RecordSchemas.JOB, value, timestamp(job.utcModified(), snapshot.observedAt()));
    }

    SourceRecord task(JobPartition partition, Map<String, ?> offset, OtaTask task, String requestId,
                      Instant observedAt) {
        Struct key = new Struct(RecordSchemas.TASK_KEY)
                .put("job_id", partition.jobId())
                .put("task_id", task.taskId());
        Struct value = new Struct(RecordSchemas.TASK)
                .put("job_id", partition.jobId())
                .put("task_id", task.taskId())
                .put("iot_instance_id", partition.iotInstanceId())
                .put("iot_id", task.iotId())
                .put("device_name", task.deviceName())
                .put("product_key", task.productKey())
                .put("product_name", task.productName())
                .put("firmware_id", task.firmwareId())
                .put("src_version", task.srcVersion())
                .put("dest_version", task.destVersion())
                .put("task_status", task.taskStatus())
                .put("progress", task.progress())
                .put("task_desc", task.taskDesc())
                .put("timeout", task.timeout())
                .put("utc_create", date(task.utcCreate()))
                .put("utc_modified", date(task.utcModified()))
                .put("source", source(requestId, observedAt));
        return new SourceRecord(partition.toMap(), offset, taskTopic, null, RecordSchemas.TASK_KEY, key,
                RecordSchemas.TASK, value, timestamp(task.utcModified(), observedAt));
    }

    /** Rollout progress; absent before the job's tasks were listed (a planned job). */
    private static void putProgress(Struct value, JobSnapshot snapshot) {
        if (snapshot.taskTotal() == null) {
            return;
        }
        Map<String, Long> other = new TreeMap<>(snapshot.countsByStatus());
        Struct counts = new Struct(RecordSchemas.TASK_COUNTS);
        // every known status has its own field (so a new one in TaskStatus is a schema change); the rest go to "other"
        for (TaskStatus known : TaskStatus.values()) {
            Long count = other.remove(known.name());
            counts.put(countField(known), count == null ? 0L : count);
        }
        counts.put("other", other);
        value.put("task_counts", counts);
        long total = snapshot.taskTotal();
        if (total > 0) {
            value.put("success_ratio", counts.getInt64("succeeded") / (double) total);
            value.put("failure_ratio", counts.getInt64("failed") / (double) total);
        }
    }

    /** The field of {@link RecordSchemas#TASK_COUNTS} that counts the tasks in this status. */
    static String countField(TaskStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private Struct source(String requestId, Instant observedAt) {
        return new Struct(RecordSchemas.SOURCE)
                .put("request_id", requestId)
                .put("observed_at", Date.from(observedAt))
                .put("connector_version", version);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static long timestamp(Instant modified, Instant observedAt) {
        return (modified != null ? modified : observedAt).toEpochMilli();
    }
}
