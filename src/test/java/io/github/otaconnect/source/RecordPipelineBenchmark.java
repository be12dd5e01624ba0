package io.github.otaconnect.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.api.RawResponse;
import io.github.otaconnect.api.ResponseParser;
import io.github.otaconnect.api.ResponseParsers;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;

/**
 * What one task record costs on one thread, from the bytes of a {@code ListOTATaskByJob} page of 100 tasks to
 * Avro binary: the real {@link ResponseParser}, the state fingerprint the scanner compares, the real
 * {@link RecordFactory}, then the Struct converted the way Confluent's AvroConverter would
 * ({@link StructToAvro} on {@link ConnectToAvroSchemas}) and written with Avro's binary encoder, key and value.
 * Scores are task records per second (100 per invocation). The earlier stages have their own methods so a
 * regression can be placed.
 *
 * <pre>
 * mvn -B -q test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main RecordPipelineBenchmark -f 1 -wi 5 -i 5"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RecordPipelineBenchmark {

    static final int TASKS_PER_PAGE = 100;
    private static final DateTimeFormatter API_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String JOB_ID = "7glPHmaDYLAYMD1HHutT020200";
    private static final String[] STATUSES = {"SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "IN_PROGRESS", "FAILED",
            "NOTIFIED", "QUEUED", "CANCELED"};

    private RawResponse response;
    private TaskQuery query;
    private ResponseParser parser;
    private RecordFactory records;
    private JobPartition partition;
    private Map<String, Object> offset;
    private Instant observedAt;
    private org.apache.avro.Schema keySchema;
    private org.apache.avro.Schema valueSchema;
    private GenericDatumWriter<GenericRecord> keyWriter;
    private GenericDatumWriter<GenericRecord> valueWriter;
    private ByteArrayOutputStream out;
    private BinaryEncoder encoder;

    @Setup
    public void setUp() throws IOException {
        byte[] body = new ObjectMapper().writeValueAsBytes(page(new SplittableRandom(42)));
        response = new RawResponse(200, body, Instant.parse("2024-05-06T08:00:00Z"));
        query = new TaskQuery(JOB_ID, 7, TASKS_PER_PAGE, null, List.of());
        parser = ResponseParsers.parser();
        records = new RecordFactory("ota.jobs", "ota.tasks");
        partition = new JobPartition(JOB_ID, null);
        // a committed offset as the scanner builds it: watermark plus a few hundred recent fingerprints
        offset = new JobOffset(Instant.parse("2024-05-06T07:59:00Z"),
                new SplittableRandom(7).longs(300).toArray(), true, 42L, false).toMap();
        observedAt = Instant.parse("2024-05-06T08:00:01Z");
        keySchema = ConnectToAvroSchemas.translate(RecordSchemas.TASK_KEY);
        valueSchema = ConnectToAvroSchemas.translate(RecordSchemas.TASK);
        keyWriter = new GenericDatumWriter<>(keySchema);
        valueWriter = new GenericDatumWriter<>(valueSchema);
        out = new ByteArrayOutputStream(4096);
        encoder = EncoderFactory.get().binaryEncoder(out, null);
        int written = runPipeline(fingerprint -> { });
        if (written <= 0) {
            throw new IllegalStateException("the pipeline wrote nothing");
        }
    }

    /** Bytes to tasks. */
    @Benchmark
    @OperationsPerInvocation(TASKS_PER_PAGE)
    public TaskPage parse() {
        return parser.parseTaskPage(response, query);
    }

    /** Bytes to tasks to Connect records. */
    @Benchmark
    @OperationsPerInvocation(TASKS_PER_PAGE)
    public void parseAndBuildRecords(Blackhole blackhole) {
        TaskPage page = parser.parseTaskPage(response, query);
        for (OtaTask task : page.tasks()) {
            blackhole.consume(StateFingerprint.of(task));
            blackhole.consume(records.task(partition, offset, task, page.requestId(), observedAt));
        }
    }

    /** Bytes to tasks to Connect records to Avro binary: the whole way. Returns the Avro bytes written. */
    @Benchmark
    @OperationsPerInvocation(TASKS_PER_PAGE)
    public int pipeline(Blackhole blackhole) throws IOException {
        return runPipeline(blackhole::consume);
    }

    /** Where the fingerprints go, so that computing them cannot be optimised away. */
    private interface FingerprintSink {
        void consume(long fingerprint);
    }

    private int runPipeline(FingerprintSink sink) throws IOException {
        TaskPage page = parser.parseTaskPage(response, query);
        int bytes = 0;
        for (OtaTask task : page.tasks()) {
            sink.consume(StateFingerprint.of(task));
            SourceRecord record = records.task(partition, offset, task, page.requestId(), observedAt);
            out.reset();
            keyWriter.write(StructToAvro.convert((Struct) record.key(), keySchema), encoder);
            valueWriter.write(StructToAvro.convert((Struct) record.value(), valueSchema), encoder);
            encoder.flush();
            bytes += out.size();
        }
        return bytes;
    }

    /** A page as the vendor sends it: optional fields left out, Progress as a string, lists wrapped. */
    private static ObjectNode page(SplittableRandom random) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("RequestId", "A59D3BE1-E9A3-43F3-9B50-B7C8DE165D9B");
        root.put("Success", true);
        root.put("Total", 100_000);
        root.put("PageCount", 1_000);
        root.put("PageSize", TASKS_PER_PAGE);
        root.put("CurrentPage", 7);
        ArrayNode rows = root.putObject("Data").putArray("SimpleOTATaskInfo");
        Instant created = Instant.parse("2024-05-03T08:00:00Z");
        for (int i = 0; i < TASKS_PER_PAGE; i++) {
            String status = STATUSES[random.nextInt(STATUSES.length)];
            int progress = switch (status) {
                case "SUCCEEDED" -> 100;
                case "QUEUED", "NOTIFIED" -> 0;
                default -> random.nextInt(100);
            };
            ObjectNode row = rows.addObject();
            row.put("SrcVersion", "1.0.0");
            row.put("DeviceName", String.format(Locale.ROOT, "device-%07d", 600 + i));
            row.put("FirmwareId", "q3j9OYBjUAZMv1hlMgdo030100");
            row.put("IotId", id(random, 20) + "000" + id(random, 1) + "0100");
            row.put("ProductKey", "a1GUfrMSim1");
            row.put("JobId", JOB_ID);
            row.put("TaskDesc", status.equals("FAILED") ? "report version is not conform" : "");
            row.put("DestVersion", "1.0.1");
            row.put("UtcCreate", API_TIME.format(created));
            row.put("UtcModified", API_TIME.format(created.plusSeconds(random.nextInt(259_200))));
            row.put("TaskStatus", status);
            row.put("ProductName", "SimMeter");
            row.put("TaskId", id(random, 22) + "02");
            row.put("Progress", progress + ".00");
            row.put("Timeout", "60");
        }
        return root;
    }

    private static String id(SplittableRandom random, int length) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder id = new StringBuilder(length);
        for (int k = 0; k < length; k++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
