package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.otaconnect.api.VendorLimits;

class OtaSourceConnectorConfigTest {

    static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("ota.access.key.id", "testid");
        props.put("ota.access.key.secret", "testsecret");
        props.put("ota.job.ids", "job-0001,job-0002");
        return props;
    }

    @Test
    void minimalConfigGetsSensibleDefaults() {
        OtaSourceConnectorConfig config = new OtaSourceConnectorConfig(minimal());

        assertEquals(URI.create("https://iot.cn-shanghai.aliyuncs.com/"), config.endpoint());
        assertEquals(List.of("job-0001", "job-0002"), config.jobIds());
        assertEquals("ota.jobs", config.jobTopic());
        assertEquals("ota.tasks", config.taskTopic());
        assertEquals(100, config.pageSize());
        assertTrue(config.qpsPerAction() < VendorLimits.QUERIES_PER_SECOND);
        assertNull(config.iotInstanceId());
        assertNull(config.securityToken());
    }

    @Test
    void explicitEndpointAndTopicsWin() {
        Map<String, String> props = minimal();
        props.put("ota.endpoint.url", "http://127.0.0.1:8080/");
        props.put("topic.prefix", "fleet");
        props.put("ota.task.topic", "device-updates");

        OtaSourceConnectorConfig config = new OtaSourceConnectorConfig(props);

        assertEquals(URI.create("http://127.0.0.1:8080/"), config.endpoint());
        assertEquals("fleet.jobs", config.jobTopic());
        assertEquals("device-updates", config.taskTopic());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ota.job.ids|''|ota.job.ids is empty",
        "ota.job.ids|'job 1'|is not a job ID",
        "ota.job.ids|https://iot.console/job-1|is not a job ID",
        "ota.qps.per.action|12|above the vendor's limit",
        "ota.qps.per.action|0|Value must be at least",
        "ota.endpoint.url|ftp://example.test/|http:// or https://",
        "ota.endpoint.url|not a url|not a valid URL",
        "ota.page.size|101|Value must be no more than 100",
        "ota.region.id|Shanghai|region ID",
        "ota.start.mode|sometimes|String must be one of",
        "ota.access.key.secret|''|must not be empty",
        "ota.task.topic|ota.jobs|must differ",
    })
    void badValuesGetPreciseMessagesFromValidate(String key, String value, String expected) {
        Map<String, String> props = minimal();
        props.put(key, value);

        Config result = new OtaSourceConnector().validate(props);

        String errors = result.configValues().stream().flatMap(v -> v.errorMessages().stream())
                .collect(Collectors.joining(" | "));
        assertTrue(errors.contains(expected), "expected '" + expected + "' in: " + errors);
        assertThrows(ConfigException.class, () -> new OtaSourceConnectorConfig(props));
    }

    @Test
    void budgetAboveTheVendorLimitNeedsAnExplicitOverride() {
        Map<String, String> props = minimal();
        props.put("ota.qps.per.action", "20");
        props.put("ota.qps.allow.above.vendor.limit", "true");

        assertEquals(20.0, new OtaSourceConnectorConfig(props).qpsPerAction());
    }

    @Test
    void validationNeverEchoesTheSecret() {
        Map<String, String> props = minimal();
        props.put("ota.access.key.secret", "   ");

        Config result = new OtaSourceConnector().validate(props);

        for (ConfigValue value : result.configValues()) {
            value.errorMessages().forEach(m -> assertFalse(m.contains("testsecret"), m));
        }
        ConfigValue secret = result.configValues().stream()
                .filter(v -> v.name().equals("ota.access.key.secret")).findFirst().orElseThrow();
        assertFalse(secret.errorMessages().isEmpty());
    }
}
