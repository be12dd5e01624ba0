package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.otaconnect.api.OtaJob;
import io.github.otaconnect.api.OtaTask;

/**
 * The record schemas as Avro and JSON consumers see them: the published {@code .avsc} files are exactly what
 * Confluent's AvroConverter derives from {@link RecordSchemas}, the records {@link RecordFactory} builds are
 * valid instances that survive binary encoding, the JSON converter gives them back unchanged, and every
 * released schema version can still be read by the current one.
 */
class AvroSchemaCompatibilityTest {

    private static final String TOPIC = "ota.test";
    private static final Instant OBSERVED_AT = Instant.parse("2024-05-06T07:08:09.123Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> schemaNames() {
        return PublishedAvroSchemas.CONNECT_SCHEMAS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("schemaNames")
    void publishedSchemaIsTheConvertersTranslationOfTheConnectSchema(String name) throws IOException {
        org.apache.avro.Schema translated =
                ConnectToAvroSchemas.translate(PublishedAvroSchemas.CONNECT_SCHEMAS.get(name));
        org.apache.avro.Schema published = PublishedAvroSchemas.current(name);

        // As JSON trees: Avro's own equality ignores docs, and the converter's output is compared textually
        // by a registry looking a schema up.
        JsonNode expected = JSON.readTree(translated.toString());
        assertEquals(expected, JSON.readTree(published.toString()),
                () -> "src/main/avro/" + name + ".avsc has drifted from RecordSchemas; the converter would "
                        + "produce:\n" + expected.toPrettyString());
        assertEquals(translated, published);
    }

    @Test
    void timestampsAreLongTimestampMillisAsTheConverterWritesThem() {
        org.apache.avro.Schema observedAt = PublishedAvroSchemas.current("OtaTask")
                .getField("source").schema().getField("observed_at").schema();

        assertEquals(org.apache.avro.Schema.Type.LONG, observedAt.getType());
        assertEquals("timestamp-millis", observedAt.getLogicalType().getName());
        assertEquals("org.apache.kafka.connect.data.Timestamp", observedAt.getProp("connect.name"));
        assertEquals(1, observedAt.getObjectProp("connect.version"));
    }

    static Stream<Arguments> records() {
        RecordFactory factory = new RecordFactory("ota.jobs", "ota.tasks");
        JobPartition enterprise = new JobPartition("wahVIzGkCMuAUE2gDERM02", "iot-cn-6ja1xylm00a");
        JobPartition publicInstance = new JobPartition("job-minimal", null);
        Map<String, ?> offset = Map.of();
        return Stream.of(
                Arguments.of("job with every field",
                        factory.jobSnapshot(enterprise, offset, new JobSnapshot(fullJob(enterprise.jobId()),
                                120_000L, Map.of("SUCCEEDED", 100_000L, "FAILED", 19_983L, "PAUSED_BY_VENDOR", 17L), 17L,
                                false, "REQ-JOB-1", OBSERVED_AT))),
                Arguments.of("job with every optional field null",
                        factory.jobSnapshot(publicInstance, offset, new JobSnapshot(minimalJob(publicInstance.jobId()),
                                null, Map.of(), 0L, false, null, OBSERVED_AT))),
                Arguments.of("task with every field",
                        factory.task(enterprise, offset, fullTask(enterprise.jobId(), "IN_PROGRESS"), "REQ-TASK-1",
                                OBSERVED_AT)),
                Arguments.of("task with a status the vendor added later",
                        factory.task(enterprise, offset, fullTask(enterprise.jobId(), "ROLLING_BACK"), "REQ-TASK-2",
                                OBSERVED_AT)),
                Arguments.of("task with every optional field null",
                        factory.task(publicInstance, offset, minimalTask(), null, OBSERVED_AT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void recordsAreValidAvroAndSurviveBinaryEncoding(String description, SourceRecord record) throws IOException {
        assertAvroRoundTrip((Struct) record.key(), avroSchemaFor(record.keySchema()));
        assertAvroRoundTrip((Struct) record.value(), avroSchemaFor(record.valueSchema()));
    }

    @Test
    void avroValuesCarryEpochMillisAndTheProgressAsDouble() throws IOException {
        SourceRecord record = records().filter(args -> args.get()[0].equals("task with every field"))
                .map(args -> (SourceRecord) args.get()[1]).findFirst().orElseThrow();
        org.apache.avro.Schema schema = PublishedAvroSchemas.current("OtaTask");

        GenericRecord decoded = decode(encode(StructToAvro.convert((Struct) record.value(), schema)), schema);

        assertEquals(Instant.parse("2024-05-06T06:00:00.250Z").toEpochMilli(), decoded.get("utc_modified"));
        assertEquals(42.5, decoded.get("progress"));
        assertEquals(OBSERVED_AT.toEpochMilli(), ((GenericRecord) decoded.get("source")).get("observed_at"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void jsonConverterGivesBackAnEqualStruct(String description, SourceRecord record) {
        assertJsonRoundTrip(record.keySchema(), record.key(), true);
        assertJsonRoundTrip(record.valueSchema(), record.value(), false);
    }

    @ParameterizedTest
    @MethodSource("schemaNames")
    void publishedSchemaCanReadItsOwnData(String name) {
        org.apache.avro.Schema schema = PublishedAvroSchemas.current(name);

        assertNull(PublishedAvroSchemas.incompatibility(schema, schema));
    }

    static Stream<Arguments> releasedSchemas() {
        List<Path> versions = PublishedAvroSchemas.releasedVersions();
        assertFalse(versions.isEmpty(), "no released schema versions under src/test/resources/avro");
        return versions.stream().flatMap(version -> schemaNames().map(name -> Arguments.of(version, name)));
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("releasedSchemas")
    void currentSchemaReadsDataWrittenWithEveryReleasedVersion(Path version, String name) {
        org.apache.avro.Schema writer = PublishedAvroSchemas.released(version, name);
        org.apache.avro.Schema reader = PublishedAvroSchemas.current(name);

        String problem = PublishedAvroSchemas.incompatibility(reader, writer);

        assertNull(problem, () -> "src/main/avro/" + name + ".avsc is not backward compatible with " + version
                + ": " + problem);
    }

    private static org.apache.avro.Schema avroSchemaFor(Schema connectSchema) {
        String name = connectSchema.name().substring(RecordSchemas.NAMESPACE.length() + 1);
        return PublishedAvroSchemas.current(name);
    }

    private static void assertAvroRoundTrip(Struct struct, org.apache.avro.Schema schema) throws IOException {
        GenericRecord avro = StructToAvro.convert(struct, schema);
        assertTrue(GenericData.get().validate(schema, avro),
                () -> "not a valid " + schema.getFullName() + ": " + avro);

        GenericRecord decoded = decode(encode(avro), schema);

        assertEquals(avro, decoded);
    }

    private static byte[] encode(GenericRecord record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    private static GenericRecord decode(byte[] bytes, org.apache.avro.Schema schema) throws IOException {
        return new GenericDatumReader<GenericRecord>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static void assertJsonRoundTrip(Schema schema, Object value, boolean isKey) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "true"), isKey);

            SchemaAndValue back = converter.toConnectData(TOPIC, converter.fromConnectData(TOPIC, schema, value));

            assertEquals(schema, back.schema());
            assertEquals(value, back.value());
        }
    }

    private static OtaJob fullJob(String jobId) {
        return new OtaJob(jobId, "IN_PROGRESS", "UPGRADE_FIRMWARE", "STATIC", "GRAY", "a1Bcd2EfGhI",
                "fw-id-0001", "router firmware 2.0", "2.0.0", List.of("1.0.0", "1.1.0"), "spring rollout",
                1, 12.5, 500, 2, 3, 10, 1440,
                Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-06T06:59:59.999Z"),
                Instant.parse("2024-05-02T08:00:00Z"), Instant.parse("2024-05-09T08:00:00Z"),
                Instant.parse("2024-05-02T07:30:00Z"), Instant.parse("2024-05-10T00:00:00Z"));
    }

    private static OtaJob minimalJob(String jobId) {
        return new OtaJob(jobId, "PLANNED", null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static OtaTask fullTask(String jobId, String status) {
        return new OtaTask("task-0001", jobId, "iot-id-0001", "device-0001", "a1Bcd2EfGhI", "Router",
                "fw-id-0001", "1.0.0", "2.0.0", status, 42.5, "downloading", "60",
                Instant.parse("2024-05-02T08:00:01Z"), Instant.parse("2024-05-06T06:00:00.250Z"));
    }

    private static OtaTask minimalTask() {
        return new OtaTask("task-minimal", null, null, null, null, null, null, null, null, "QUEUED", null,
                null, null, null, null);
    }
}
