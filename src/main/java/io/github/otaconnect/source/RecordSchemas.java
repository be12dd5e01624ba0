package io.github.otaconnect.source;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect schemas of the connector's records. Names are fixed (the Avro converter turns them into
 * Avro record names, and registries key compatibility on them), every nested struct is named, statuses
 * are strings (a new vendor status must never break a reader), numbers the API sends as strings are
 * float64 (not Decimal, which JSON consumers would see as base64), and every field the API may omit is
 * optional. The published {@code .avsc} files in {@code src/main/avro} mirror these; a test keeps them
 * in step.
 */
public final class RecordSchemas {

    public static final String NAMESPACE = "io.github.otaconnect.ota";
    public static final int VERSION = 1;
    /** Version 2 of the job snapshot added the rollout progress (task counts and ratios), all optional. */
    public static final int JOB_VERSION = 2;

    public static final Schema SOURCE = SchemaBuilder.struct()
            .name(NAMESPACE + ".OtaSource").version(VERSION)
            .doc("Where and when the connector observed this state.")
            .field("request_id", doc(SchemaBuilder.string().optional(),
                    "RequestId of the API response the state was read from."))
            .field("observed_at", doc(Timestamp.builder(), "When the connector read the state (UTC)."))
            .field("connector_version", doc(SchemaBuilder.string(), "Version of the connector that wrote it."))
            .build();

    public static final Schema JOB_KEY = SchemaBuilder.struct()
            .name(NAMESPACE + ".OtaJobKey").version(VERSION)
            .doc("Key of a job snapshot: a compacted topic keeps the latest snapshot of each job.")
            .field("job_id", SchemaBuilder.string().doc("ID of the OTA update job (batch).").build())
            .build();

    public static final Schema TASK_KEY = SchemaBuilder.struct()
            .name(NAMESPACE + ".OtaTaskKey").version(VERSION)
            .doc("Key of a task record: a compacted topic keeps the latest state of each device's task.")
            .field("job_id", SchemaBuilder.string().doc("ID of the OTA update job (batch).").build())
            .field("task_id", SchemaBuilder.string().doc("ID of the device's update task.").build())
            .build();

    public static final Schema TASK_COUNTS = SchemaBuilder.struct()
            .name(NAMESPACE + ".OtaTaskCounts").version(VERSION).optional()
            .doc("Tasks by status, as the connector last delivered them to the task topic; statuses are read "
                    + "by separate listings moments apart, so they may not all be of the same instant.")
            .field("queued", SchemaBuilder.int64().doc("QUEUED tasks.").build())
            .field("notified", SchemaBuilder.int64().doc("NOTIFIED tasks.").build())
            .field("confirm", SchemaBuilder.int64().doc("CONFIRM tasks (waiting for a user's confirmation).").build())
            .field("in_progress", SchemaBuilder.int64().doc("IN_PROGRESS tasks.").build())
            .field("succeeded", SchemaBuilder.int64().doc("SUCCEEDED tasks.").build())
            .field("failed", SchemaBuilder.int64().doc("FAILED tasks.").build())
            .field("canceled", SchemaBuilder.int64().doc("CANCELED tasks.").build())
            .field("other", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA)
                    .doc("Tasks in statuses the connector does not know, by status.").build())
            .build();

    public static final Schema JOB = SchemaBuilder.struct()
            .name(NAMESPACE + ".OtaJob").version(JOB_VERSION)
            .doc("Snapshot of an OTA update job (QueryOTAJob), emitted when the job is new to the connector "
                    + "or changed.")
            .field("job_id", SchemaBuilder.string().doc("ID of the job.").build())
            .field("iot_instance_id", optionalString("IoT instance the job belongs to; null for the public "
                    + "instance."))
            .field("job_status", optionalString("PLANNED, IN_PROGRESS, COMPLETE (or COMPLETED), CANCELED, or a "
                    + "status the vendor adds later, as sent; null only if the API left it out."))
            .field("job_type", optionalString("UPGRADE_FIRMWARE or VERFIY_FIRMWARE (sic), as sent."))
            .field("selection_type", optionalString("STATIC or DYNAMIC."))
            .field("target_selection", optionalString("ALL, SPECIFIC or GRAY."))
            .field("product_key", optionalString("ProductKey of the devices' product."))
            .field("firmware_id", optionalString("ID of the firmware."))
            .field("firmware_name", optionalString("Name of the firmware (the API's Name)."))
            .field("dest_version", optionalString("Firmware version the devices update to."))
            .field("src_versions", SchemaBuilder.array(Schema.STRING_SCHEMA).optional()
                    .doc("Firmware versions the job updates from.").build())
            .field("job_desc", optionalString("Description of the job."))
            .field("dynamic_mode", optionalInt("Dynamic update mode: 1 keeps updating matching devices, 2 only "
                    + "devices that later report the latest version."))
            .field("gray_percent", optionalDouble("Share of devices in a phased (GRAY) update, in percent."))
            .field("maximum_per_minute", optionalInt("Most devices notified per minute."))
            .field("overwrite_mode", optionalInt("1: an earlier pending update task is kept; 2: overwritten."))
            .field("retry_count", optionalInt("Automatic retries after a device fails to update."))
            .field("retry_interval_minutes", optionalInt("Minutes between automatic retries."))
            .field("timeout_in_minutes", optionalInt("Minutes after which a device's update times out."))
            .field("utc_create", doc(Timestamp.builder().optional(), "When the job was created."))
            .field("utc_modified", doc(Timestamp.builder().optional(), "When the job was last modified."))
            .field("utc_start_time", doc(Timestamp.builder().optional(), "When the job started."))
            .field("utc_end_time", doc(Timestamp.builder().optional(), "When the job completed."))
            .field("utc_schedule_time", doc(Timestamp.builder().optional(), "Scheduled start of a planned job."))
            .field("utc_schedule_finish_time", doc(Timestamp.builder().optional(), "Scheduled end of the job."))
            .field("task_total", SchemaBuilder.int64().optional()
                    .doc("Number of tasks (devices) the job's listing reported in the scan behind this snapshot; "
                            + "null before the job has been listed (a planned job).").build())
            .field("fully_observable", SchemaBuilder.bool()
                    .doc("False when the vendor's paging window (100,000 rows per listing) kept part of the job "
                            + "from being read even when split by status, or the statuses did not add up: then "
                            + "unreadable_tasks says how many tasks could not be seen.").build())
            .field("unreadable_tasks", SchemaBuilder.int64()
                    .doc("Tasks the last scan could not read (0 when fully observable).").build())
            .field("finished", SchemaBuilder.bool()
                    .doc("True in the final snapshot: the job is complete or canceled and no task can change "
                            + "any more.").build())
            .field("source", SOURCE)
            .field("task_counts", TASK_COUNTS)
            .field("success_ratio", optionalDouble("SUCCEEDED tasks / task_total (0..1); null without tasks."))
            .field("failure_ratio", optionalDouble("FAILED tasks / task_total (0..1); null without tasks."))
            .build();

    public static final Schema TASK = SchemaBuilder.struct()
            .name(NAMESPACE + ".OtaTask").version(VERSION)
            .doc("Observed state of one device's update task (ListOTATaskByJob), emitted when new or changed.")
            .field("job_id", SchemaBuilder.string().doc("ID of the job the task belongs to.").build())
            .field("task_id", SchemaBuilder.string().doc("ID of the task.").build())
            .field("iot_instance_id", optionalString("IoT instance; null for the public instance."))
            .field("iot_id", optionalString("IotId of the device."))
            .field("device_name", optionalString("Name of the device."))
            .field("product_key", optionalString("ProductKey of the device's product."))
            .field("product_name", optionalString("Name of the device's product."))
            .field("firmware_id", optionalString("ID of the firmware."))
            .field("src_version", optionalString("Firmware version the device updates from."))
            .field("dest_version", optionalString("Firmware version the device updates to."))
            .field("task_status", optionalString("QUEUED, NOTIFIED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELED, "
                    + "CONFIRM, or a status the vendor adds later, as sent; null only if the API left it out."))
            .field("progress", optionalDouble("Update progress in percent (the API's Progress string as a number)."))
            .field("task_desc", optionalString("Description; the error message when the update failed or timed "
                    + "out."))
            .field("timeout", optionalString("The task's Timeout, as sent (vendor SDK field)."))
            .field("utc_create", doc(Timestamp.builder().optional(), "When the task was created."))
            .field("utc_modified", doc(Timestamp.builder().optional(), "When the task was last modified."))
            .field("source", SOURCE)
            .build();

    private RecordSchemas() {
    }

    private static Schema optionalString(String doc) {
        return SchemaBuilder.string().optional().doc(doc).build();
    }

    private static Schema optionalInt(String doc) {
        return SchemaBuilder.int32().optional().doc(doc).build();
    }

    private static Schema optionalDouble(String doc) {
        return SchemaBuilder.float64().optional().doc(doc).build();
    }

    private static Schema doc(SchemaBuilder builder, String doc) {
        return builder.doc(doc).build();
    }
}
