package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
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
 * The vendor adds fields over time. Seeded: real responses with fields this parser does not know added
 * anywhere (next to known fields, inside the task list's elements, at the top), holding any JSON value
 * (nested containers, nulls, long strings, numbers beyond {@code long}), parse to exactly what the
 * original parses to. {@link ResponseParserFuzzTest} covers bodies that must be refused.
 */
class ResponseParserUnknownFieldsTest {

    private static final int CASES = 1_500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ResponseParser parser = ResponseParsers.parser(4 * 1024 * 1024);
    private final TaskQuery query = new TaskQuery("job", 1, 100, null, List.of());
    private final List<String> samples = List.of(VendorSamples.QUERY_OTA_JOB, VendorSamples.LIST_OTA_TASK_BY_JOB,
            VendorSamples.LIST_OTA_FIRMWARE, VendorSamples.LIST_OTA_JOB_BY_FIRMWARE);
    private final List<Function<RawResponse, Object>> operations = List.of(
            parser::parseJob,
            r -> parser.parseTaskPage(r, query),
            r -> parser.parseFirmwarePage(r, 1, 100),
            r -> parser.parseJobSummaryPage(r, 1, 200));

    @Test
    void unknownFieldsAnywhereChangeNothing() throws Exception {
        int fieldsAdded = 0;
        for (long seed = 0; seed < CASES; seed++) {
            Random random = new Random(seed);
            int kind = random.nextInt(samples.size());
            JsonNode root = JSON.readTree(samples.get(kind));
            Object expected = operations.get(kind).apply(new RawResponse(200, VendorSamples.bytes(samples.get(kind)), null));
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(root, objects);
            int additions = 1 + random.nextInt(6);
            for (int i = 0; i < additions; i++) {
                ObjectNode target = objects.get(random.nextInt(objects.size()));
                target.set("Zz" + seed + "_" + i + "_" + Long.toHexString(random.nextLong()), randomValue(random, 0));
                fieldsAdded++;
            }
            byte[] body = JSON.writeValueAsBytes(root);
            Object actual = operations.get(kind).apply(new RawResponse(200, body, null));
            assertEquals(expected, actual, "seed " + seed + ": unknown fields changed the result of "
                    + JSON.writeValueAsString(root).substring(0, Math.min(body.length, 400)));
        }
        assertTrue(fieldsAdded > CASES);
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
            object.elements().forEachRemaining(child -> collectObjects(child, into));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> collectObjects(child, into));
        }
    }

    /** Any JSON value, nested at most a few levels (the parser refuses nesting beyond 32 on purpose). */
    private static JsonNode randomValue(Random random, int depth) {
        int choice = random.nextInt(depth >= 4 ? 9 : 11);
        return switch (choice) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 4 -> NODES.numberNode(new BigInteger(200, random));
            case 5 -> NODES.textNode("");
            case 6 -> NODES.textNode("x".repeat(random.nextInt(10_000)));
            case 7 -> NODES.textNode("2019-12-28T02:43:10.000Z");
            case 8 -> NODES.textNode("\u0000\n\"{[<html>");
            case 9 -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    // names of known fields, one level down, must not confuse the parser either
                    String name = random.nextBoolean() ? "TaskId" : "JobStatus" + i;
                    object.set(name, randomValue(random, depth + 1));
                }
                yield object;
            }
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
        };
    }
}
