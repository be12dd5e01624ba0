package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DiscoveryConfigTest {

    private static Map<String, String> credentialsOnly() {
        Map<String, String> props = new HashMap<>();
        props.put("ota.access.key.id", "testid");
        props.put("ota.access.key.secret", "testsecret");
        return props;
    }

    private static String errors(Map<String, String> props) {
        Config result = new OtaSourceConnector().validate(props);
        return result.configValues().stream().flatMap(v -> v.errorMessages().stream())
                .collect(Collectors.joining(" | "));
    }

    @Test
    void productKeysAloneAreEnoughAndGetDefaultIntervalAndHorizon() {
        Map<String, String> props = credentialsOnly();
        props.put("ota.product.keys", " a1GUfrM , a19mzPZ ,a1GUfrM");

        OtaSourceConnectorConfig config = new OtaSourceConnectorConfig(props);

        assertTrue(config.discoveryEnabled());
        assertEquals(List.of(), config.jobIds());
        assertEquals(List.of("a1GUfrM", "a19mzPZ"), config.productKeys());
        assertEquals(Duration.ofMinutes(5), config.discoveryInterval());
        assertEquals(Duration.ofDays(7), config.discoveryBackfillHorizon());
        assertEquals("", errors(props));
    }

    @Test
    void firmwareIdsAloneAreEnough() {
        Map<String, String> props = credentialsOnly();
        props.put("ota.firmware.ids", "UfuxnwygsuSkVE0VCN0100");
        props.put("ota.discovery.backfill.horizon.ms", "0");

        OtaSourceConnectorConfig config = new OtaSourceConnectorConfig(props);

        assertEquals(List.of("UfuxnwygsuSkVE0VCN0100"), config.firmwareIds());
        assertEquals(Duration.ZERO, config.discoveryBackfillHorizon());
    }

    @Test
    void withoutJobsProductsOrFirmwareThereIsNothingToFollow() {
        Map<String, String> props = credentialsOnly();

        String errors = errors(props);

        assertTrue(errors.contains("ota.job.ids is empty and neither ota.product.keys nor ota.firmware.ids is set"),
                errors);
        assertThrows(ConfigException.class, () -> new OtaSourceConnectorConfig(props));
        assertFalse(new OtaSourceConnectorConfig(withJob(props)).discoveryEnabled());
    }

    private static Map<String, String> withJob(Map<String, String> props) {
        Map<String, String> copy = new HashMap<>(props);
        copy.put("ota.job.ids", "job-0001");
        return copy;
    }

    @Test
    void malformedIdsAndIntervalsAreRejectedWithTheKeyNamed() {
        Map<String, String> props = withJob(credentialsOnly());
        props.put("ota.product.keys", "https://iot.console.aliyun.com/product/a1GUfrM");
        assertTrue(errors(props).contains("is not a product key"), errors(props));

        props = withJob(credentialsOnly());
        props.put("ota.firmware.ids", "'fw 1'");
        assertTrue(errors(props).contains("is not a firmware ID"), errors(props));

        props = withJob(credentialsOnly());
        props.put("ota.discovery.interval.ms", "10");
        assertTrue(errors(props).contains("Value must be at least 1000"), errors(props));

        props = withJob(credentialsOnly());
        props.put("ota.discovery.backfill.horizon.ms", "-1");
        assertTrue(errors(props).contains("Value must be at least 0"), errors(props));
    }
}
