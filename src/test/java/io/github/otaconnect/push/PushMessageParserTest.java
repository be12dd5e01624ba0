package io.github.otaconnect.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushMessageParserTest {

    private final PushMessageParser parser = new PushMessageParser();

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDeviceStatusMessageNamesJobAndDevice() throws Exception {
        PushMessage message = parser.parse("/a1Product/dev-7/ota/upgrade", "m1", 1_700_000_000_500L,
                json("{\"iotId\":\"x\",\"productKey\":\"a1Product\",\"deviceName\":\"dev-7\",\"moduleName\":\"default\","
                        + "\"status\":\"SUCCEEDED\",\"messageCreateTime\":1700000000000,\"srcVersion\":\"1.0\","
                        + "\"destVersion\":\"2.0\",\"jobId\":\"job123\",\"taskId\":\"t1\",\"futureField\":[1,2]}"))
                .orElseThrow();
        assertEquals(new PushMessage.DeviceStatus("job123", "a1Product", "dev-7", "SUCCEEDED", "m1",
                Instant.ofEpochMilli(1_700_000_000_000L)), message);
    }

    @Test
    void aJobStatusMessageTakesTheJobFromTheTopicIfTheBodyLacksIt() throws Exception {
        PushMessage message = parser.parse("/a1Product/pkg9/job456/ota/job/status", "m2", 1_700_000_000_500L,
                json("{\"status\":\"COMPLETED\"}")).orElseThrow();
        assertEquals(new PushMessage.JobStatus("job456", "a1Product", "COMPLETED", "m2",
                Instant.ofEpochMilli(1_700_000_000_500L)), message);
    }

    @Test
    void aDeviceMessageWithoutJobIdStillNamesItsDeviceFromTheTopic() throws Exception {
        PushMessage message = parser.parse("/a1Product/dev-7/ota/upgrade", "m7", 5L, json("{\"status\":\"FAILED\"}"))
                .orElseThrow();
        assertEquals(new PushMessage.DeviceStatus(null, "a1Product", "dev-7", "FAILED", "m7", Instant.ofEpochMilli(5)),
                message);
    }

    @Test
    void otherTopicsOfTheGroupAreNotOtaMessages() throws Exception {
        assertEquals(Optional.empty(), parser.parse("/a1Product/dev-7/thing/event/property/post", "m3", null,
                json("{\"items\":{}}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{\"jobId\":\"j1\"}", "{\"deviceName\":{}}"})
    void anOtaMessageThatCannotNameItsSubjectIsMalformed(String body) {
        MalformedPushMessageException e = assertThrows(MalformedPushMessageException.class,
                () -> parser.parse("/p/ota/upgrade", "m4", null, json(body)));
        assertEquals("m4", e.messageId());
    }

    @Test
    void aHugeBodyIsRefusedBeforeParsing() {
        byte[] body = new byte[PushMessageParser.MAX_BODY_BYTES + 1];
        MalformedPushMessageException e = assertThrows(MalformedPushMessageException.class,
                () -> parser.parse("/p/d/ota/upgrade", "m5", null, body));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    }

    @Test
    void aMessageWithoutTopicIsMalformed() {
        assertThrows(MalformedPushMessageException.class, () -> parser.parse(null, "m6", null, json("{}")));
    }
}
