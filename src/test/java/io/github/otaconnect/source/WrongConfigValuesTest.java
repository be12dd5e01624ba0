package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.otaconnect.api.ApiCallListener;
import io.github.otaconnect.api.OtaApi;

/**
 * Every setting with every kind of wrong value: either {@code validate()} refuses it (so the REST API
 * refuses the config before a task starts), or a task can be built from it. A value that passes
 * validation and then fails in the task's start, or on every API call, would give a task that fails at
 * once or retries forever: that is what this test hunts for.
 */
class WrongConfigValuesTest {

    private static final List<String> WRONG_VALUES = List.of("", " ", "\t", "abc", "-1", "0", "1.5", "1e400",
            "99999999999999999999", "NaN", "true", ",,,", "a, b", "job 1", "http://", "ftp://iot.example/",
            "https://iot.example:99999/", "https://iot.example:0/", "https://user:pw@iot.example/",
            "https://iot.example/?x=1", "${file:/nonexistent:key}", "\u0000", "x".repeat(300));

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "wrong-values");
        props.put("ota.access.key.id", "testid");
        props.put("ota.access.key.secret", "testsecret");
        props.put("ota.job.ids", "job-0001,job-0002");
        return props;
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://iot.example:99999/", "https://iot.example:0/", "http://127.0.0.1:65536/"})
    void anEndpointPortOutOfRangeIsRefusedUpFront(String endpoint) {
        List<String> errors = errorsFor("ota.endpoint.url", endpoint);
        assertTrue(errors.stream().anyMatch(e -> e.contains("port must be between 1 and 65535")), errors.toString());
    }

    @Test
    void anEndpointWithUserInfoIsRefusedWithoutEchoingIt() {
        List<String> errors = errorsFor("ota.endpoint.url", "https://admin:hunter2@iot.example/");
        assertTrue(errors.stream().anyMatch(e -> e.contains("must not contain user info")), errors.toString());
        assertTrue(errors.stream().noneMatch(e -> e.contains("hunter2")), "the password is not echoed: " + errors);
    }

    @Test
    void everyWrongValueIsRefusedOrMakesAWorkingTask() {
        int refused = 0;
        List<String> accepted = new ArrayList<>();
        for (String key : OtaSourceConnectorConfig.configDef().configKeys().keySet()) {
            for (String value : WRONG_VALUES) {
                Map<String, String> props = minimal();
                props.put(key, value);
                if (!errors(props).isEmpty()) {
                    refused++;
                    continue;
                }
                accepted.add(key + "=" + printable(value));
                buildTaskFrom(props, key, value);
            }
        }
        assertTrue(refused > accepted.size(), "most wrong values are refused; accepted: " + accepted);
    }

    /** What a task builds from its configuration before it calls the API; none of it may fail. */
    private static void buildTaskFrom(Map<String, String> connectorProps, String key, String value) {
        Map<String, String> taskProps = new HashMap<>(connectorProps);
        taskProps.put(OtaSourceTaskConfig.TASK_JOB_IDS, "job-0001");
        taskProps.put(OtaSourceTaskConfig.TASK_QPS_PER_ACTION, "1.0");
        try {
            OtaSourceTaskConfig config = new OtaSourceTaskConfig(taskProps);
            ScanSettings.from(config);
            new RecordFactory(config.jobTopic(), config.taskTopic());
            config.assignedJobIds().forEach(id -> new JobPartition(id, config.iotInstanceId()));
            try (OtaApi api = OtaApiFactory.create(config, config.assignedQpsPerAction(), ApiCallListener.NONE)) {
                assertFalse(api.toString().isEmpty());
            }
        } catch (RuntimeException e) {
            fail(key + "=" + printable(value) + " passes validate() but a task cannot start with it: " + e, e);
        }
    }

    private static List<String> errorsFor(String key, String value) {
        Map<String, String> props = minimal();
        props.put(key, value);
        List<String> errors = errors(props);
        assertEquals(errors.isEmpty(), accepted(props), "validate() and the constructor agree on " + value);
        return errors;
    }

    private static List<String> errors(Map<String, String> props) {
        Config result = new OtaSourceConnector().validate(props);
        List<String> errors = new ArrayList<>();
        for (ConfigValue configValue : result.configValues()) {
            errors.addAll(configValue.errorMessages());
        }
        return errors;
    }

    private static boolean accepted(Map<String, String> props) {
        try {
            new OtaSourceConnectorConfig(props);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String printable(String value) {
        String shown = value.length() > 20 ? value.substring(0, 20) + "..." : value;
        return "'" + shown.replace("\u0000", "\\0").replace("\t", "\\t") + "'";
    }
}
