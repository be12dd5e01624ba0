package io.github.otaconnect.source;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Kafka Connect source partition of one OTA job: its job ID, and the IoT instance ID where one is
 * configured, because job IDs are only promised unique within an instance.
 */
public record JobPartition(String jobId, String iotInstanceId) {

    static final String JOB_ID = "job_id";
    static final String IOT_INSTANCE_ID = "iot_instance_id";

    public JobPartition {
        Objects.requireNonNull(jobId, "jobId");
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(JOB_ID, jobId);
        if (iotInstanceId != null) {
            map.put(IOT_INSTANCE_ID, iotInstanceId);
        }
        return Map.copyOf(map);
    }
}
