package io.github.otaconnect.api;

import java.time.Instant;

/**
 * One device's update task within a job, as {@code ListOTATaskByJob} returns it.
 *
 * <p>{@code taskStatus} is kept as sent; unknown statuses are data, not errors ({@link TaskStatus} says
 * what the known ones mean). {@code timeout} is the SDK-only {@code Timeout} field, kept as a string because
 * its unit and type are undocumented.
 */
public record OtaTask(
        String taskId, String jobId, String iotId, String deviceName, String productKey, String productName,
        String firmwareId, String srcVersion, String destVersion, String taskStatus, Double progress,
        String taskDesc, String timeout,
        Instant utcCreate, Instant utcModified) {
}
