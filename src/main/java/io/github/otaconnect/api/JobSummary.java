package io.github.otaconnect.api;

import java.time.Instant;

/** One job of {@code ListOTAJobByFirmware}: enough to discover jobs; {@code QueryOTAJob} gives the details. */
public record JobSummary(String jobId, String firmwareId, String productKey, String jobStatus, String jobType,
                         String selectionType, String targetSelection, Instant utcCreate, Instant utcModified,
                         Instant utcStartTime, Instant utcEndTime) {
}
