package io.github.otaconnect.simulator.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.otaconnect.simulator.SimJobState;
import io.github.otaconnect.simulator.SimClock;
import io.github.otaconnect.simulator.TaskState;
import java.util.concurrent.atomic.AtomicLong;

/**
  * Turns simulator changes into the vendor's two OTA messages. The topics are the vendor's; the bodies are
  * NOT verified against the vendor's "Data formats" page (see docs/push-vendor-notes.md): they carry the
  * fields recalled from it, and a consumer should use them as triggers only.
  */
public final class OtaPushMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimClock clock;
    private final AtomicLong nextId;

    /** Message IDs count up from {@code firstMessageId}, one per generated message (a duplicate keeps its ID). */
    public OtaPushMessages(SimClock clock, long firstMessageId) {
        this.clock = clock;
        this.nextId = new AtomicLong(firstMessageId);
    }

    /** {@code /${productKey}/${deviceName}/ota/upgrade} */
    public static String upgradeTopic(String productKey, String deviceName) {
        return "/" + productKey + "/" + deviceName + "/ota/upgrade";
    }

    /** {@code /${productKey}/${packageId}/${jobId}/ota/job/status}, packageId being the firmware ID. */
    public static String jobStatusTopic(String productKey, String packageId, String jobId) {
        return "/" + productKey + "/" + packageId + "/" + jobId + "/ota/job/status";
    }

    public VendorMessage taskChanged(TaskState task) {
        long now = clock.millis();
        ObjectNode body = JSON.createObjectNode()
                .put("iotId", task.iotId())
                .put("productKey", task.productKey())
                .put("deviceName", task.deviceName())
                .put("moduleName", "default")
                .put("status", task.taskStatus())
                .put("progress", task.progress())
                .put("srcVersion", task.srcVersion())
                .put("destVersion", task.destVersion())
                .put("desc", task.taskDesc())
                .put("jobId", task.jobId())
                .put("taskId", task.taskId())
                .put("messageCreateTime", now);
        return new VendorMessage(upgradeTopic(task.productKey(), task.deviceName()), nextId(), now, bytes(body));
    }

    public VendorMessage jobStatusChanged(SimJobState job) {
        long now = clock.millis();
        ObjectNode body = JSON.createObjectNode()
                .put("jobId", job.jobId())
                .put("productKey", job.productKey())
                .put("packageId", job.firmwareId())
                .put("jobStatus", job.jobStatus())
                .put("messageCreateTime", now);
        return new VendorMessage(jobStatusTopic(job.productKey(), job.firmwareId(), job.jobId()), nextId(), now,
                bytes(body));
    }

    private String nextId() {
        return Long.toString(nextId.getAndIncrement());
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
