package io.github.otaconnect.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.otaconnect.api.RequestSigner;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.RecordedCall;

/**
 * The AccessKey secret and the STS token never leave the connector: not in any log line at any level
 * (the connector's and Connect's own), not in exception messages or the task trace the REST API shows,
 * not in any record; given through a ConfigProvider placeholder they do not show in the REST API's
 * configs either; and rotating them mid-run loses nothing. The workers here resolve {@code ${file:...}}
 * and {@code ${env:...}} placeholders.
 */
class SecretHandlingIT extends ScenarioSupport {

    /** Distinctive values, with characters that percent-encoding changes, so every encoded form is distinctive too. */
    private static final String KEY_ID = "LTAI5tSecretHandlingKey";
    private static final String SECRET = "Zq7/AkSecret+OnlyInSecretHandlingIT=~*";
    private static final String TOKEN = "CAIS.stsToken/OnlyInSecretHandlingIT+x=y*z&w:1";
    private static final String CLUSTER = "ota-secrets-it";

    private static EmbeddedConnectRuntime runtime;
    private static Path secretsDir;

    @BeforeAll
    static void startCluster(@TempDir Path dir) {
        secretsDir = dir;
        runtime = EmbeddedConnectRuntime.start(CLUSTER, 1, false, Map.of(
                "plugin.discovery", "service_load",
                "config.providers", "file,env",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
                "config.providers.file.param.allowed.paths", dir.toAbsolutePath().toString(),
                "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider"));
    }

    @AfterAll
    static void stopCluster() {
        runtime.close();
    }

    @Override
    protected ConnectRuntime runtime() {
        return runtime;
    }

    @AfterEach
    void tearDown() {
        stopSimulator();
    }

    /**
     * (a) A whole run at DEBUG and TRACE, with two failures on the way (a signature the API refuses, whose
     * error message echoes the request's string-to-sign, token included; then an expired token), and
     * recovery from both: no form of the secret or the token anywhere.
     */
    @Test
    void aRunWithFailuresLeaksNoSecretIntoLogsTracesOrRecords() {
        List<String> forbidden = forbiddenForms(SECRET, TOKEN);
        try (LogCapture logs = LogCapture.start(Level.ALL, Level.WARN, forbidden, "io.github.otaconnect",
                "org.apache.kafka.connect")) {
            startSimulator("secretsNoLeak", OtaApiSimulator.builder().credentials(KEY_ID, SECRET).securityToken(TOKEN));
            List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(300).changeRate(0.3)),
                    job(JobSpec.upgrade().taskCount(100).changeRate(0.3)));
            Map<String, String> config = connectorConfig(jobs, 2);
            config.put("ota.access.key.id", KEY_ID);
            config.put("ota.access.key.secret", SECRET);
            config.put("ota.security.token", TOKEN);
            deploy(config, 2);
            List<String> traces = new ArrayList<>();
            try (TopicRecords records = reader()) {
                awaitTaskRecords(records, 400);

                // The API stops accepting the signature: its error message quotes the string-to-sign.
                simulator.addCredentials(KEY_ID, "a-different-secret");
                simulator.setSecurityToken(KEY_ID, TOKEN);
                awaitState("both tasks fail on the signature", status -> failed(status) == 2);
                traces.addAll(failedTaskTraces());
                assertTrue(traces.stream().anyMatch(t -> t.contains("SignatureDoesNotMatch")
                        && t.contains("server string to sign is")), "the echo is kept, scrubbed: " + traces);

                simulator.addCredentials(KEY_ID, SECRET);
                simulator.setSecurityToken(KEY_ID, TOKEN);
                runtime.rest().restartFailed(name);
                awaitState("running again", status -> isRunning(status, 2));

                simulator.expireSecurityToken(KEY_ID);
                awaitState("both tasks fail on the expired token", status -> failed(status) == 2);
                List<String> expired = failedTaskTraces();
                assertTrue(expired.stream().anyMatch(t -> t.contains("InvalidSecurityToken.Expired")
                        && t.contains("ota.security.token")), "the trace names the setting: " + expired);
                traces.addAll(expired);

                simulator.setSecurityToken(KEY_ID, TOKEN);
                runtime.rest().restartFailed(name);
                awaitState("running again", status -> isRunning(status, 2));
                simulator.scenario().finishAll();
                awaitConvergence(records, jobs, true);
            }

            assertTrue(logs.events(Level.DEBUG) + logs.events(Level.TRACE) > 1_000,
                    "the capture saw the DEBUG/TRACE flood: " + logs.events());
            assertNoLeak("log lines (" + logs.events() + " events at every level)", () -> hitsAsText(logs));
            assertNoLeak("task traces", () -> traces, forbidden);
            assertNoLeak("REST status", () -> List.of(runtime.rest().getText("connectors/" + name + "/status")),
                    forbidden);
            List<String> topics = List.of(jobTopic, taskTopic, "connect-offset-topic-" + CLUSTER,
                    "connect-storage-topic-" + CLUSTER);
            int recordsScanned = 0;
            for (String topic : topics) {
                List<String> texts = TopicRecords.rawText(runtime.bootstrapServers(), topic);
                recordsScanned += texts.size();
                assertNoLeak("topic " + topic, () -> texts, forbidden);
            }
            new ChaosReport("SecretHandlingIT: no secret anywhere in a run with two failures")
                    .put("log events captured (io.github.otaconnect, org.apache.kafka.connect; all levels)", logs.events())
                    .put("of them DEBUG / TRACE", logs.events(Level.DEBUG) + " / " + logs.events(Level.TRACE))
                    .put("failed-task traces checked", traces.size())
                    .put("records scanned (connector topics, offsets, status)", recordsScanned)
                    .put("secret forms searched (raw, percent-encoded once/twice, form-encoded)", forbidden.size())
                    .put("leaks found", 0)
                    .publish();
        }
    }

    /**
     * (b) With ConfigProvider placeholders the connector works, and the REST API shows only the
     * placeholders: the connector's config, the task configs, the connector info, and the config topic.
     */
    @Test
    void withConfigProviderPlaceholdersTheRestApiShowsNoSecret() {
        startSimulator("secretsPlaceholders", OtaApiSimulator.builder().credentials(KEY_ID, SECRET).securityToken(TOKEN));
        Path secrets = writeSecrets("placeholders.properties", KEY_ID, SECRET, TOKEN);
        String secretPlaceholder = "${file:" + secrets + ":ota.access.key.secret}";
        String tokenPlaceholder = "${file:" + secrets + ":ota.security.token}";
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(200).changeRate(0.2)),
                job(JobSpec.upgrade().taskCount(100).changeRate(0.2)));
        Map<String, String> config = connectorConfig(jobs, 2);
        config.put("ota.access.key.id", KEY_ID);
        config.put("ota.access.key.secret", secretPlaceholder);
        config.put("ota.security.token", tokenPlaceholder);
        deploy(config, 2);
        try (TopicRecords records = reader()) {
            simulator.scenario().finishAll();
            awaitConvergence(records, jobs, true);
        }

        List<String> forbidden = forbiddenForms(SECRET, TOKEN);
        JsonNode shown = runtime.rest().config(name);
        assertEquals(secretPlaceholder, shown.path("ota.access.key.secret").asText());
        assertEquals(tokenPlaceholder, shown.path("ota.security.token").asText());
        List<Map<String, String>> tasks = runtime.rest().taskConfigs(name);
        assertEquals(2, tasks.size());
        for (Map<String, String> task : tasks) {
            assertEquals(secretPlaceholder, task.get("ota.access.key.secret"), "the task config keeps the placeholder");
            assertEquals(tokenPlaceholder, task.get("ota.security.token"));
        }
        HttpResponse<String> tasksConfig = runtime.rest().get("connectors/" + name + "/tasks-config");
        // removed in Kafka 4.0 (KIP-970); where it still exists, it must show the placeholder only
        assertTrue(tasksConfig.statusCode() == 404 || tasksConfig.body().contains(secretPlaceholder),
                tasksConfig.statusCode() + " " + tasksConfig.body());
        for (String path : List.of("connectors/" + name + "/config", "connectors/" + name + "/tasks",
                "connectors/" + name + "/tasks-config", "connectors/" + name, "connectors/" + name + "/status",
                "connectors?expand=info&expand=status")) {
            assertNoLeak("GET /" + path, () -> List.of(runtime.rest().getText(path)), forbidden);
        }
        assertNoLeak("the config topic", () -> TopicRecords.rawText(runtime.bootstrapServers(),
                "connect-config-topic-" + CLUSTER), forbidden);
        assertTrue(simulator.counters().snapshot().count("ListOTATaskByJob", "success") > 0);
    }

    /**
     * (c) Credentials rotated mid-run, the three ways an operator does it: a new AccessKey pair written
     * where the placeholder points plus a restart; a new STS triple in a new file, switched to with a config
     * update; and a token that expired before anyone rotated it (the task fails, names the setting, and a
     * restart after the rotation brings it back). Nothing is lost.
     */
    @Test
    void rotatingCredentialsMidRunLosesNothing() {
        startSimulator("secretsRotation", OtaApiSimulator.builder().credentials("key-v1", "secret-v1")
                .securityToken("token-v1"));
        Path current = writeSecrets("rotation.properties", "key-v1", "secret-v1", "token-v1");
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(600).changeRate(0.2).retry(1, 0)),
                job(JobSpec.upgrade().taskCount(300).changeRate(0.3)));
        Map<String, String> config = connectorConfig(jobs, 2);
        config.put("ota.lookback.ms", "5000");
        usePlaceholders(config, current);
        ChaosReport report = new ChaosReport("SecretHandlingIT: credential rotation mid-run");
        deploy(config, 2);
        try (TopicRecords records = reader()) {
            awaitTaskRecords(records, 900);

            // 1. A new AccessKey pair, written where the placeholder points; a restart re-reads it.
            simulator.addCredentials("key-v2", "secret-v2");
            simulator.setSecurityToken("key-v2", "token-v2");
            writeSecrets("rotation.properties", "key-v2", "secret-v2", "token-v2");
            runtime.rest().restart(name);
            awaitState("running with the new key", status -> isRunning(status, 2));
            awaitCallsWith("key-v2");
            simulator.revokeCredentials("key-v1");
            assertStaysRunning(Duration.ofSeconds(3));

            // 2. A new STS triple in a new file; the config update that points to it restarts the tasks.
            simulator.addCredentials("key-v3", "secret-v3");
            simulator.setSecurityToken("key-v3", "token-v3");
            usePlaceholders(config, writeSecrets("rotation-v3.properties", "key-v3", "secret-v3", "token-v3"));
            runtime.rest().putConfig(name, config);
            awaitCallsWith("key-v3");
            awaitState("running with the new key", status -> isRunning(status, 2));
            simulator.expireSecurityToken("key-v2");
            assertStaysRunning(Duration.ofSeconds(3));

            // 3. The token expires before anyone rotates it: the tasks fail and say which setting to renew.
            simulator.expireSecurityToken("key-v3");
            awaitState("both tasks fail", status -> failed(status) == 2);
            String trace = String.join("\n", failedTaskTraces());
            assertTrue(trace.contains("ota.security.token"), trace);
            simulator.addCredentials("key-v4", "secret-v4");
            simulator.setSecurityToken("key-v4", "token-v4");
            writeSecrets("rotation-v3.properties", "key-v4", "secret-v4", "token-v4");
            runtime.rest().restartFailed(name);
            awaitState("running again", status -> isRunning(status, 2));
            awaitCallsWith("key-v4");

            simulator.scenario().finishAll();
            Instant calm = Instant.now();
            awaitConvergence(records, jobs, true);
            report.put("rotations", "3 (file + restart, new file + config update, expired token + restart)")
                    .put("task records written", records.all(taskTopic).size())
                    .put("duplicates (at-least-once)", Convergence.duplicateCount(records, taskTopic))
                    .put("tasks lost", Convergence.lostTasks(simulator.scenario(), jobs, records, taskTopic))
                    .put("time to converge", String.format("%.1f s", Duration.between(calm, Instant.now()).toMillis() / 1000.0));
            report.publish();
            assertEquals(0L, report.get("tasks lost"));
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static void usePlaceholders(Map<String, String> config, Path file) {
        config.put("ota.access.key.id", "${file:" + file + ":ota.access.key.id}");
        config.put("ota.access.key.secret", "${file:" + file + ":ota.access.key.secret}");
        config.put("ota.security.token", "${file:" + file + ":ota.security.token}");
    }

    /** Writes the file in one move, as a secrets manager's agent would, so a reader never sees half of it. */
    private static Path writeSecrets(String fileName, String keyId, String secret, String token) {
        Properties props = new Properties();
        props.setProperty("ota.access.key.id", keyId);
        props.setProperty("ota.access.key.secret", secret);
        props.setProperty("ota.security.token", token);
        Path target = secretsDir.resolve(fileName).toAbsolutePath();
        Path staging = secretsDir.resolve(fileName + ".tmp");
        try (var out = Files.newBufferedWriter(staging, StandardCharsets.UTF_8)) {
            props.store(out, null);
            out.close();
            Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private void awaitCallsWith(String accessKeyId) {
        simulator.clearRecentCalls();
        await("calls signed with " + accessKeyId).atMost(TIMEOUT).until(() -> {
            List<RecordedCall> calls = simulator.recentCalls();
            return !calls.isEmpty() && accessKeyId.equals(calls.get(calls.size() - 1).params().get("AccessKeyId"))
                    && "success".equals(calls.get(calls.size() - 1).outcome());
        });
    }

    private void assertStaysRunning(Duration duration) {
        await("still running").during(duration).atMost(duration.plusSeconds(5)).pollInterval(Duration.ofMillis(300))
                .until(() -> isRunning(runtime.rest().status(name), 2));
    }

    private static int failed(JsonNode status) {
        int failed = 0;
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                failed++;
            }
        }
        return failed;
    }

    private List<String> failedTaskTraces() {
        List<String> traces = new ArrayList<>();
        for (JsonNode task : runtime.rest().status(name).path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                traces.add(task.path("trace").asText());
            }
        }
        return traces;
    }

    /** Every form in which a secret could travel: raw, percent-encoded once and twice, form-encoded. */
    static List<String> forbiddenForms(String... secrets) {
        List<String> forms = new ArrayList<>();
        for (String secret : secrets) {
            String once = RequestSigner.percentEncode(secret);
            for (String form : List.of(secret, once, RequestSigner.percentEncode(once),
                    URLEncoder.encode(secret, StandardCharsets.UTF_8))) {
                if (!forms.contains(form)) {
                    forms.add(form);
                }
            }
        }
        return forms;
    }

    private static List<String> hitsAsText(LogCapture logs) {
        return logs.hits().stream().map(LogCapture.Line::toString).toList();
    }

    /** Fails naming where a secret showed up, without printing the secret itself into the test report. */
    private static void assertNoLeak(String where, Supplier<List<String>> texts, List<String> forbidden) {
        for (String text : texts.get()) {
            for (String form : forbidden) {
                if (text.contains(form)) {
                    fail("a secret (form #" + forbidden.indexOf(form) + ") leaked into " + where + ": "
                            + mask(text, forbidden));
                }
            }
        }
    }

    private static void assertNoLeak(String where, Supplier<List<String>> hits) {
        List<String> found = hits.get();
        assertFalse(!found.isEmpty(), () -> found.size() + " lines of " + where + " carry a secret, first: "
                + mask(found.get(0), forbiddenForms(SECRET, TOKEN)));
    }

    private static String mask(String text, List<String> forbidden) {
        String masked = text;
        for (String form : forbidden) {
            masked = masked.replace(form, "<LEAKED>");
        }
        return masked.length() > 2_000 ? masked.substring(0, 2_000) + "..." : masked;
    }
}
