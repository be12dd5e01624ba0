package io.github.otaconnect.push;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads the vendor's OTA messages: the topic (message property {@code topic}) says which kind a message is,
 * the JSON body says which job and device. A consumer group may be subscribed to other topics as well: those
 * messages are not OTA messages and are reported as such, not as malformed. The topic names the device (or the
 * job); the body's {@code jobId} of a device message is taken when present, but the vendor pages read for
 * this do not confirm it, so a device message without one is still valid (it concerns that device in every
 * job followed). An OTA message that names neither is malformed; the caller counts it and lets polling find
 * the change.
 */
final class PushMessageParser {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String DEVICE_STATUS_SUFFIX = "/ota/upgrade";
    private static final String JOB_STATUS_SUFFIX = "/ota/job/status";

    private final ObjectMapper mapper = JsonMapper.builder().build();

    PushMessageParser() {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(MAX_BODY_BYTES).build());
    }

    /**
     * @return the message, or empty when the topic is not one of the two OTA topics
     * @throws MalformedPushMessageException when an OTA message does not say what it is about
     */
    Optional<PushMessage> parse(String topic, String messageId, Long generateTime, byte[] body)
            throws MalformedPushMessageException {
        if (topic == null) {
            throw new MalformedPushMessageException("the message has no topic property", messageId);
        }
        boolean device = topic.endsWith(DEVICE_STATUS_SUFFIX);
        boolean job = topic.endsWith(JOB_STATUS_SUFFIX);
        if (!device && !job) {
            return Optional.empty();
        }
        String[] levels = topic.split("/");
        JsonNode json = read(body, topic, messageId);
        Instant generatedAt = instant(json.get("messageCreateTime"));
        if (generatedAt == null && generateTime != null && generateTime > 0) {
            generatedAt = Instant.ofEpochMilli(generateTime);
        }
        String jobId = text(json, "jobId");
        if (device) {
            // /${productKey}/${deviceName}/ota/upgrade
            String productKey = firstNonBlank(text(json, "productKey"), levels.length == 5 ? levels[1] : null);
            String deviceName = firstNonBlank(text(json, "deviceName"), levels.length == 5 ? levels[2] : null);
            if (deviceName == null) {
                throw new MalformedPushMessageException("an OTA update status message on " + topic
                        + " does not name its device", messageId);
            }
            return Optional.of(new PushMessage.DeviceStatus(jobId, productKey, deviceName, text(json, "status"),
                    messageId, generatedAt));
        }
        // /${productKey}/${packageId}/${jobId}/ota/job/status
        jobId = firstNonBlank(jobId, levels.length == 7 ? levels[3] : null);
        if (jobId == null) {
            throw new MalformedPushMessageException("an OTA job status message on " + topic + " does not name its jobId",
                    messageId);
        }
        String productKey = firstNonBlank(text(json, "productKey"), levels.length == 7 ? levels[1] : null);
        return Optional.of(new PushMessage.JobStatus(jobId, productKey, text(json, "status"), messageId, generatedAt));
    }

    private JsonNode read(byte[] body, String topic, String messageId) throws MalformedPushMessageException {
        if (body == null || body.length == 0) {
            throw new MalformedPushMessageException("an OTA message on " + topic + " has an empty body", messageId);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new MalformedPushMessageException("an OTA message on " + topic + " has a body of " + body.length
                    + " bytes, more than an OTA message ever needs (" + MAX_BODY_BYTES + ")", messageId);
        }
        try {
            JsonNode json = mapper.readTree(body);
            if (json == null || !json.isObject()) {
                throw new MalformedPushMessageException("an OTA message on " + topic + " is not a JSON object",
                        messageId);
            }
            return json;
        } catch (JacksonException e) {
            throw new MalformedPushMessageException("an OTA message on " + topic + " is not valid JSON ("
                    + e.getOriginalMessage() + ")", messageId);
        } catch (IOException e) {
            throw new MalformedPushMessageException("an OTA message on " + topic + " cannot be read (" + e + ")",
                    messageId);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String value = node.asText().trim();
        return value.isEmpty() ? null : value;
    }

    private static Instant instant(JsonNode node) {
        if (node == null || !(node.isNumber() || node.isTextual())) {
            return null;
        }
        try {
            long millis = node.isNumber() ? node.asLong() : Long.parseLong(node.asText().trim());
            return millis > 0 ? Instant.ofEpochMilli(millis) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null) {
            return a;
        }
        return b == null || b.isBlank() ? null : b;
    }
}
