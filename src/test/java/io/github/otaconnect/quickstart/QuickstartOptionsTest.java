package io.github.otaconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuickstartOptionsTest {

    private static final Map<String, String> CREDENTIALS = Map.of(
            "OTA_ACCESS_KEY_ID", "LTAI-id", "OTA_ACCESS_KEY_SECRET", "very-secret");

    @Test
    void withoutOptionsItRunsEverythingLocallyUntilStopped() {
        QuickstartOptions options = QuickstartOptions.parse(List.of(), Map.of());

        assertFalse(options.usesRealApi());
        assertFalse(options.usesExistingCluster());
        assertEquals(Optional.empty(), options.duration());
        assertEquals(Duration.ofSeconds(5), options.refresh());
        assertEquals(List.of(), options.jobIds());
        assertEquals(5000, options.devices());
        assertTrue(options.usesPush());
    }

    @Test
    void pushIsOnForTheSimulatorUnlessTurnedOff() {
        assertFalse(QuickstartOptions.parse(List.of("--no-push", "--devices", "200"), Map.of()).usesPush());
        assertTrue(QuickstartOptions.parse(List.of("--devices", "200"), Map.of()).usesPush());
        // the quickstart cannot know a real instance's consumer groups
        assertFalse(QuickstartOptions.parse(List.of("--region", "cn-shanghai", "--job-ids", "job1"), CREDENTIALS)
                .usesPush());
        assertTrue(message(List.of("--no-push=false"), Map.of()).contains("unknown option"));
    }

    @Test
    void takesValuesAfterTheOptionOrAfterAnEqualsSign() {
        QuickstartOptions options = QuickstartOptions.parse(List.of("--duration", "45", "--refresh=2.5",
                "--job-ids", "a1b2c3,  d4e5f6 ,", "--devices=200"), Map.of());

        assertEquals(Optional.of(Duration.ofSeconds(45)), options.duration());
        assertEquals(Duration.ofMillis(2500), options.refresh());
        assertEquals(List.of("a1b2c3", "d4e5f6"), options.jobIds());
        assertEquals(200, options.devices());
    }

    @Test
    void theRealApiNeedsJobIdsAndTheAccessKeyFromTheEnvironment() {
        QuickstartOptions options = QuickstartOptions.parse(List.of("--region", "cn-shanghai", "--job-ids", "job1"),
                CREDENTIALS);

        assertTrue(options.usesRealApi());
        assertEquals(Optional.of("LTAI-id"), options.accessKeyId());
        assertEquals(Optional.of("very-secret"), options.accessKeySecret());
        assertFalse(options.toString().contains("very-secret"), options.toString());

        assertTrue(message(List.of("--region", "cn-shanghai"), CREDENTIALS).contains("--job-ids"));
        assertTrue(message(List.of("--endpoint", "https://iot.example.test/", "--job-ids", "job1"), Map.of())
                .contains("OTA_ACCESS_KEY_SECRET"));
        assertTrue(message(List.of("--region", "cn-shanghai", "--job-ids", "j", "--devices", "5"), CREDENTIALS)
                .contains("--devices"));
    }

    @Test
    void anExistingClusterNeedsBothItsKafkaAndItsConnectAddress() {
        QuickstartOptions options = QuickstartOptions.parse(List.of("--bootstrap-servers", "kafka:9092",
                "--connect-url", "http://connect:8083"), Map.of());

        assertTrue(options.usesExistingCluster());
        assertEquals(Optional.of(URI.create("http://connect:8083")), options.connectUrl());
        assertTrue(message(List.of("--connect-url", "http://connect:8083"), Map.of()).contains("go together"));
    }

    @Test
    void refusesWhatItCannotUse() {
        assertTrue(message(List.of("--durration", "5"), Map.of()).contains("unknown option --durration"));
        assertTrue(message(List.of("--duration"), Map.of()).contains("needs a value"));
        assertTrue(message(List.of("--duration", "-3"), Map.of()).contains("positive number of seconds"));
        assertTrue(message(List.of("--devices", "many"), Map.of()).contains("positive whole number"));
        assertTrue(message(List.of("--endpoint", "iot.example.test", "--job-ids", "j"), CREDENTIALS)
                .contains("http(s) URL"));
        assertTrue(message(List.of("--job-ids", " , "), Map.of()).contains("comma-separated"));
    }

    private static String message(List<String> args, Map<String, String> environment) {
        return assertThrows(IllegalArgumentException.class, () -> QuickstartOptions.parse(args, environment))
                .getMessage();
    }
}
