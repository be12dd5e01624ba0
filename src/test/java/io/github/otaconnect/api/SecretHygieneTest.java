package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AccessKey secret and the STS token never show up in toString(), exception messages or log lines. */
class SecretHygieneTest {

    private static final String LOGGER = "io.github.otaconnect.api";
    private static final String SECRET = "Sup3r/Secret+Key=*~";
    private static final String TOKEN = "CAIS token/with+odd=chars*&:";
    private static final Credentials CREDENTIALS = new Credentials("LTAI-visible-id", SECRET, TOKEN);

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final FakeTime time = new FakeTime(Instant.parse("2024-05-01T10:00:00Z"));
    private AbstractAppender appender;

    @BeforeEach
    void captureDebugLogs() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = new AbstractAppender("secret-hygiene-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getMessage().getFormattedMessage());
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    line.append(" | ").append(t);
                }
                logLines.add(line.toString());
            }
        };
        appender.start();
        LoggerConfig loggerConfig = new LoggerConfig(LOGGER, Level.DEBUG, false);
        loggerConfig.addAppender(appender, Level.DEBUG, null);
        config.addLogger(LOGGER, loggerConfig);
        context.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger(LOGGER);
        context.updateLoggers();
        appender.stop();
    }

    /** Every form in which a secret could leak: raw, percent-encoded once and twice, form-encoded. */
    private static List<String> forbiddenForms() {
        List<String> forms = new ArrayList<>();
        for (String secret : List.of(SECRET, TOKEN)) {
            String once = RequestSigner.percentEncode(secret);
            forms.add(secret);
            forms.add(once);
            forms.add(RequestSigner.percentEncode(once));
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
        return forms;
    }

    private static void assertClean(String text) {
        for (String form : forbiddenForms()) {
            assertFalse(text.contains(form), "leaked '" + form + "' in: " + text);
        }
    }

    private ClientSettings settings() {
        return ClientSettings.builder()
                .regionId("cn-shanghai")
                .iotInstanceId("iot-instance-1")
                .credentials(CREDENTIALS)
                .queriesPerSecond(Double.POSITIVE_INFINITY)
                .clock(time.clock())
                .ticker(time::ticker)
                .sleeper(time)
                .jitter(() -> 0.5)
                .build();
    }

    @Test
    void toStringsHideSecrets() {
        assertClean(CREDENTIALS.toString());
        assertTrue(CREDENTIALS.toString().contains("LTAI-visible-id"));
        assertClean(settings().toString());
        assertClean(new OtaApiClient(settings(), ApiCallListener.NONE, new ScriptedTransport()).toString());
        SignedRequest request = new SignedRequestBuilder(settings()).build("QueryOTAJob", Map.of("JobId", "j"));
        assertClean(request.toString());
        assertFalse(request.toString().contains(request.parameters().get("Signature")));
        assertEquals("Credentials[accessKeyId=id, accessKeySecret=****, securityToken=none]",
                Credentials.of("id", "s").toString());
    }

    @Test
    void vendorEchoOfTheStringToSignIsScrubbed() {
        // the gateway's SignatureDoesNotMatch message quotes its string-to-sign: the token, encoded twice
        Map<String, String> params = new TreeMap<>(Map.of("SecurityToken", TOKEN, "AccessKeyId", "LTAI-visible-id"));
        String echo = "Specified signature is not matched with our calculation. server string to sign is:"
                + RequestSigner.stringToSign("GET", params) + " raw " + TOKEN + " and " + SECRET;
        String body = "{\"RequestId\":\"R\",\"Code\":\"SignatureDoesNotMatch\",\"Message\":"
                + quoteJson(echo) + "}";
        ScriptedTransport transport = new ScriptedTransport().reply(400, body);
        FatalApiException e = assertThrows(FatalApiException.class,
                () -> new OtaApiClient(settings(), ApiCallListener.NONE, transport).queryJob("job"));
        assertClean(e.getMessage());
        assertClean(e.toString());
        assertTrue(e.getMessage().contains("server string to sign is"), "the useful part stays: " + e.getMessage());
    }

    @Test
    void debugLogsShowActionAndParametersButNoSecretsOrSignature() throws InterruptedException {
        ScriptedTransport transport = new ScriptedTransport()
                .reply(503, VendorSamples.gatewayError("ServiceUnavailable", "echo " + TOKEN))
                .reply(VendorSamples.ok(VendorSamples.QUERY_OTA_JOB))
                .reply(400, VendorSamples.gatewayError("SignatureDoesNotMatch", "echo " + SECRET));
        OtaApiClient client = new OtaApiClient(settings(), ApiCallListener.NONE, transport);
        client.queryJob("job-42");
        assertThrows(FatalApiException.class, () -> client.queryJob("job-42"));

        assertTrue(logLines.size() >= 4, "debug lines: " + logLines);
        String all = String.join("\n", logLines);
        assertTrue(all.contains("QueryOTAJob attempt 1/5"), all);
        assertTrue(all.contains("JobId=job-42"), all);
        assertTrue(all.contains("IotInstanceId=iot-instance-1"), all);
        assertTrue(all.contains("SignatureNonce="), all);
        assertFalse(all.contains("Signature="), all);
        assertFalse(all.contains("SecurityToken"), all);
        for (int i = 0; i < transport.requests.size(); i++) {
            assertFalse(all.contains(transport.params(i).get("Signature")), "signature value logged");
        }
        assertClean(all);
    }

    @Test
    void transportMessagesAreScrubbed() {
        HttpTransport transport = HttpTransport.create(settings(), SecretRedactor.of(CREDENTIALS));
        try {
            String leaky = "failed GET ?SecurityToken=" + RequestSigner.percentEncode(TOKEN) + " " + SECRET;
            OtaApiException e = transport.failure("QueryOTAJob", new java.io.IOException(leaky), Duration.ofSeconds(1));
            assertClean(e.getMessage());
        } finally {
            transport.close();
        }
    }

    @Test
    void redactorHandlesEdgeCases() {
        SecretRedactor redactor = SecretRedactor.of(CREDENTIALS);
        assertEquals(null, redactor.scrub(null));
        assertEquals("nothing here", redactor.scrub("nothing here"));
        assertEquals("a **** b ****", redactor.scrub("a " + SECRET + " b " + RequestSigner.percentEncode(TOKEN)));
        Map<String, String> params = new TreeMap<>(Map.of("Signature", "sig", "SecurityToken", TOKEN,
                "JobId", "j", "Note", "contains " + SECRET));
        assertEquals("{JobId=j, Note=contains ****}", redactor.loggable(params));
    }

    private static String quoteJson(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
