package io.github.otaconnect.push;

import java.time.Instant;

/**
 * What one pushed message says, reduced to what the connector acts on. A pushed message is only ever a
 * hint that something changed: what is written to Kafka is read from the API.
 */
sealed interface PushMessage {

    /** The job the message is about; null for a device message whose body does not say. */
    String jobId();

    /** The vendor's message ID (the {@code messageId} property), for logs and duplicate counting. */
    String messageId();

    /** When the vendor generated the message, or null if it did not say. */
    Instant generatedAt();

    /** A device's OTA update status changed (topic {@code /${productKey}/${deviceName}/ota/upgrade}). */
    record DeviceStatus(String jobId, String productKey, String deviceName, String status, String messageId,
                        Instant generatedAt) implements PushMessage {
    }

    /** An OTA job's status changed (topic {@code /${productKey}/${packageId}/${jobId}/ota/job/status}). */
    record JobStatus(String jobId, String productKey, String status, String messageId, Instant generatedAt)
            implements PushMessage {
    }
}
