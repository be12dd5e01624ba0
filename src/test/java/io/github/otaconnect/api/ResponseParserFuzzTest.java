package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Feeds the parser seeded random, truncated and mutated bodies. For a 2xx status the only acceptable
 * outcomes are a parsed result or {@link InvalidResponseException}: never an NPE, ClassCastException,
 * another exception type, or a hang. Seeds are fixed so a failure is reproducible.
 */
class ResponseParserFuzzTest {

    private static final int CASES_PER_KIND = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SAMPLES = List.of(VendorSamples.QUERY_OTA_JOB, VendorSamples.LIST_OTA_TASK_BY_JOB,
            VendorSamples.LIST_OTA_FIRMWARE, VendorSamples.LIST_OTA_JOB_BY_FIRMWARE);

    private final ResponseParser parser = ResponseParsers.parser(64 * 1024);
    private final TaskQuery query = new TaskQuery("job", 1, 100, null, List.of());
    private final List<Function<RawResponse, Object>> operations = List.of(
            parser::parseJob,
            r -> parser.parseTaskPage(r, query),
            r -> parser.parseFirmwarePage(r, 1, 100),
            r -> parser.parseJobSummaryPage(r, 1, 200));

    private int parsed;
    private int rejected;

    private void check(byte[] body, long seed, String kind) {
        for (Function<RawResponse, Object> op : operations) {
            try {
                Object result = op.apply(new RawResponse(200, body, null));
                assertTrue(result != null);
                parsed++;
            } catch (InvalidResponseException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
                rejected++;
            } catch (Throwable t) {
                fail(kind + " case with seed " + seed + " threw " + t + " for body "
                        + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8), t);
            }
        }
    }

    @Test
    void randomBytes() {
        for (long seed = 0; seed < CASES_PER_KIND; seed++) {
            Random random = new Random(seed);
            byte[] body = new byte[random.nextInt(400)];
            random.nextBytes(body);
            check(body, seed, "random bytes");
        }
        assertTrue(rejected > 0);
    }

    @Test
    void truncatedSamples() {
        for (String sample : SAMPLES) {
            byte[] full = sample.getBytes(StandardCharsets.UTF_8);
            for (int length = 0; length < full.length; length++) {
                check(Arrays.copyOf(full, length), length, "truncation");
            }
        }
    }

    @Test
    void byteMutatedSamples() {
        for (long seed = 0; seed < CASES_PER_KIND; seed++) {
            Random random = new Random(seed);
            byte[] body = SAMPLES.get(random.nextInt(SAMPLES.size())).getBytes(StandardCharsets.UTF_8);
            int mutations = 1 + random.nextInt(4);
            for (int i = 0; i < mutations; i++) {
                int at = random.nextInt(body.length);
                switch (random.nextInt(4)) {
                    case 0 -> body[at] = (byte) random.nextInt(256);
                    case 1 -> body[at] = (byte) "{}[]\",:0-.e \\".charAt(random.nextInt(13));
                    case 2 -> body = splice(body, at, random.nextInt(Math.min(20, body.length - at) + 1), new byte[0]);
                    default -> body = splice(body, at, 0, "{\"\":[".getBytes(StandardCharsets.UTF_8));
                }
            }
            check(body, seed, "byte mutation");
        }
        assertTrue(parsed > 0, "some mutations leave a valid document");
        assertTrue(rejected > 0);
    }

    /** Structurally valid JSON with values replaced by nodes of other types: the wrong-type paths. */
    @Test
    void typeMutatedSamples() throws Exception {
        for (long seed = 0; seed < CASES_PER_KIND; seed++) {
            Random random = new Random(seed);
            JsonNode root = JSON.readTree(SAMPLES.get(random.nextInt(SAMPLES.size())));
            int mutations = 1 + random.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                mutateRandomValue(root, random);
            }
            check(JSON.writeValueAsBytes(root), seed, "type mutation");
        }
        assertTrue(parsed > 0);
        assertTrue(rejected > 0);
    }

    @Test
    void nestingAndSizeExtremes() {
        for (int depth : new int[] {1, 10, 31, 32, 33, 100, 10_000, 200_000}) {
            check(("{\"Success\":true,\"Total\":1,\"Data\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                    .getBytes(StandardCharsets.UTF_8), depth, "nesting");
            check(("[".repeat(depth)).getBytes(StandardCharsets.UTF_8), depth, "unclosed nesting");
        }
        check(new byte[64 * 1024 + 1], 0, "over the cap");
        check(("{\"Success\":true,\"Total\":1,\"Data\":{\"SimpleOTATaskInfo\":[" + "{},".repeat(20_000) + "{}]}}")
                .getBytes(StandardCharsets.UTF_8), 0, "over the cap, valid JSON");
    }

    /** Error statuses with mutated error bodies: always some typed {@link OtaApiException}, nothing else. */
    @Test
    void errorStatusesWithMutatedBodies() {
        int[] statuses = {100, 204, 301, 400, 401, 403, 404, 408, 429, 500, 502, 503, 504, 599};
        String[] codes = {"Throttling.User", "SignatureDoesNotMatch", "iot.ota.OTAJobNotExist", "iot.system.SystemException",
                "InvalidTimeStamp.Expired", "", "x"};
        int typed = 0;
        for (long seed = 0; seed < CASES_PER_KIND; seed++) {
            Random random = new Random(seed);
            int status = statuses[random.nextInt(statuses.length)];
            byte[] body = VendorSamples.bytes(random.nextBoolean()
                    ? VendorSamples.gatewayError(codes[random.nextInt(codes.length)], "m")
                    : VendorSamples.businessError(codes[random.nextInt(codes.length)], "m"));
            if (random.nextBoolean()) {
                body = Arrays.copyOf(body, random.nextInt(body.length));
            }
            if (body.length > 0 && random.nextBoolean()) {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
            RawResponse response = new RawResponse(status, body, null);
            for (Function<RawResponse, Object> op : operations) {
                try {
                    Object result = op.apply(response);
                    assertTrue(status >= 200 && status < 300 && result != null, "a result for status " + status);
                } catch (OtaApiException expected) {
                    assertTrue(expected.getMessage().startsWith(expected.action() + " failed ["));
                    typed++;
                } catch (Throwable t) {
                    fail("error case with seed " + seed + " threw " + t, t);
                }
            }
        }
        assertTrue(typed > 0);
    }

    private static byte[] splice(byte[] body, int at, int remove, byte[] insert) {
        byte[] out = new byte[body.length - remove + insert.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(body, at + remove, out, at + insert.length, body.length - at - remove);
        return out;
    }

    private static void mutateRandomValue(JsonNode node, Random random) {
        JsonNode current = node;
        while (true) {
            if (current instanceof ObjectNode object && object.size() > 0) {
                List<String> names = iteratorToList(object);
                String name = names.get(random.nextInt(names.size()));
                JsonNode child = object.get(name);
                if (child.isContainerNode() && random.nextBoolean()) {
                    current = child;
                    continue;
                }
                object.set(name, randomNode(random));
                return;
            }
            if (current instanceof ArrayNode array && array.size() > 0) {
                int i = random.nextInt(array.size());
                JsonNode child = array.get(i);
                if (child.isContainerNode() && random.nextBoolean()) {
                    current = child;
                    continue;
                }
                array.set(i, randomNode(random));
                return;
            }
            return;
        }
    }

    private static List<String> iteratorToList(ObjectNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode randomNode(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(12)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(random.nextInt());
            case 3 -> f.numberNode(random.nextLong());
            case 4 -> f.numberNode(random.nextDouble() * 1e300 * (random.nextBoolean() ? 1 : 1e10));
            case 5 -> f.textNode("");
            case 6 -> f.textNode(Long.toString(random.nextLong()));
            case 7 -> f.textNode("2019-12-28T02:43:" + random.nextInt(100) + ".000Z");
            case 8 -> f.objectNode().put("x", 1);
            case 9 -> f.arrayNode().add(random.nextInt()).add("s");
            case 10 -> f.arrayNode();
            default -> f.textNode("\u0000\n" + random.nextInt());
        };
    }
}
