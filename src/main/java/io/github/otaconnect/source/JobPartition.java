package io.github.otaconnect.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kafka Connect source partition of one OTA job: its job ID, and the IoT instance ID where one is
 * configured, because job IDs are only promised unique within an instance.
 *
 * <p>Connect finds a committed offset by the serialized bytes of its partition map, and its JSON converter
 * writes a map's keys in iteration order. So the map must iterate in one fixed order in every JVM:
 * {@code job_id} first, then {@code iot_instance_id}. (Earlier builds used {@code Map.copyOf}, whose order
 * changes from one JVM to the next; {@link #legacyKeyOrder()} lets a task find what they wrote.)
 */
public record JobPartition(String jobId, String iotInstanceId) {

    static final String JOB_ID = "job_id";
    static final String IOT_INSTANCE_ID = "iot_instance_id";

    public JobPartition {
        Objects.requireNonNull(jobId, "jobId");
    }

    /** The partition as the connector writes it: {@code job_id} first, in every JVM. */
    public Map<String, Object> toMap() {
        return ordered(JOB_ID, jobId, IOT_INSTANCE_ID, iotInstanceId);
    }

    /**
     * The same partition with its keys the other way round, which earlier versions wrote in about half of
     * their JVMs. Empty when there is only one key, so only one order.
     */
    Optional<Map<String, Object>> legacyKeyOrder() {
        if (iotInstanceId == null) {
            return Optional.empty();
        }
        return Optional.of(ordered(IOT_INSTANCE_ID, iotInstanceId, JOB_ID, jobId));
    }

    private static Map<String, Object> ordered(String firstKey, String firstValue, String secondKey,
                                               String secondValue) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (firstValue != null) {
            map.put(firstKey, firstValue);
        }
        if (secondValue != null) {
            map.put(secondKey, secondValue);
        }
        return Collections.unmodifiableMap(map);
    }
}
