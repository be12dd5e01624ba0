package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/**
 * Connect finds committed offsets by the bytes of the serialized partition, so the partition must
 * serialize to the same bytes in every JVM.
 */
class JobPartitionTest {

    private static final JobPartition WITH_INSTANCE = new JobPartition("job-1", "iot-instance-1");

    @Test
    void keysComeInOneFixedOrder() {
        assertEquals(List.of("job_id", "iot_instance_id"), List.copyOf(WITH_INSTANCE.toMap().keySet()));
        assertEquals(List.of("job_id"), List.copyOf(new JobPartition("job-1", null).toMap().keySet()));
    }

    @Test
    void theLegacyOrderIsTheOtherOneAndOnlyExistsWithTwoKeys() {
        Map<String, Object> legacy = WITH_INSTANCE.legacyKeyOrder().orElseThrow();
        assertEquals(List.of("iot_instance_id", "job_id"), List.copyOf(legacy.keySet()));
        assertEquals(WITH_INSTANCE.toMap(), legacy);
        assertTrue(new JobPartition("job-1", null).legacyKeyOrder().isEmpty());
    }

    @Test
    void serializesToTheSameBytesWithAndWithoutSchemas() {
        assertEquals("[\"ota\",{\"job_id\":\"job-1\",\"iot_instance_id\":\"iot-instance-1\"}]",
                OffsetKeyBytes.of(WITH_INSTANCE, false));
        assertEquals("{\"schema\":null,\"payload\":[\"ota\",{\"job_id\":\"job-1\",\"iot_instance_id\":"
                + "\"iot-instance-1\"}]}", OffsetKeyBytes.of(WITH_INSTANCE, true));
    }

    /**
     * Immutable JDK maps iterate in an order salted per JVM start, so a check inside one JVM passes half the
     * time; several fresh JVMs make a per-JVM order all but certain to show.
     */
    @Test
    void serializesToTheSameBytesInEveryFreshJvm() throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            seen.add(runChild());
        }
        assertEquals(Set.of(OffsetKeyBytes.of(WITH_INSTANCE, false) + "|" + OffsetKeyBytes.of(WITH_INSTANCE, true)),
                seen);
    }

    private static String runChild() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OffsetKeyBytes.class.getName());
        command.add(WITH_INSTANCE.jobId());
        command.add(WITH_INSTANCE.iotInstanceId());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    /** The key bytes Connect's offset store would use for a partition, as text; a main for child JVMs. */
    static final class OffsetKeyBytes {

        public static void main(String[] args) {
            JobPartition partition = new JobPartition(args[0], args[1]);
            System.out.println(of(partition, false) + "|" + of(partition, true));
        }

        static String of(JobPartition partition, boolean schemas) {
            try (JsonConverter converter = new JsonConverter()) {
                converter.configure(Map.of("schemas.enable", Boolean.toString(schemas)), true);
                byte[] bytes = converter.fromConnectData("ota", null, List.of("ota", partition.toMap()));
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
    }
}
