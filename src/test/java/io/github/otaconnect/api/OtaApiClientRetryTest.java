package io.github.otaconnect.api;

import static io.github.otaconnect.api.VendorSamples.businessError;
import static io.github.otaconnect.api.VendorSamples.gatewayError;
import static io.github.otaconnect.api.VendorSamples.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtaApiClientRetryTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final String THROTTLED = gatewayError("Throttling.User", "Request was denied due to user flow control.");
    private static final String UNAVAILABLE = gatewayError("ServiceUnavailable", "temporary failure");

    private final FakeTime time = new FakeTime(NOW);
    private final ScriptedTransport transport = new ScriptedTransport();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Duration> retryWaits = new CopyOnWriteArrayList<>();
    private final ApiCallListener listener = new ApiCallListener() {
        @Override
        public void onCall(String action, String outcome, Duration latency) {
            calls.add(action + ":" + outcome);
        }

        @Override
        public void onRetry(String action, OtaApiException cause, Duration backoff) {
            retryWaits.add(backoff);
        }
    };

    private ClientSettings.Builder settings() {
        return ClientSettings.builder()
                .regionId("cn-shanghai")
                .credentials(Credentials.of("testid", "testsecret"))
                .queriesPerSecond(Double.POSITIVE_INFINITY)
                .clock(time.clock())
                .ticker(time::ticker)
                .sleeper(time)
                .jitter(() -> 0.5);
    }

    private OtaApiClient client(ClientSettings.Builder settings) {
        return new OtaApiClient(settings.build(), listener, transport);
    }

    private OtaApiClient client() {
        return client(settings());
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void sendsCommonAndActionParametersSigned() throws InterruptedException {
        transport.reply(ok(VendorSamples.QUERY_OTA_JOB));
        JobResult result = client().queryJob("HvKuBpuk3rdk6E92CP****0200");

        assertEquals("HvKuBpuk3rdk6E92CP****0200", result.job().jobId());
        URI uri = transport.requests.get(0);
        assertEquals("https", uri.getScheme());
        assertEquals("iot.cn-shanghai.aliyuncs.com", uri.getHost());
        assertEquals("/", uri.getPath());
        Map<String, String> p = transport.params(0);
        assertEquals("QueryOTAJob", p.get("Action"));
        assertEquals("HvKuBpuk3rdk6E92CP****0200", p.get("JobId"));
        assertEquals("2018-01-20", p.get("Version"));
        assertEquals("JSON", p.get("Format"));
        assertEquals("testid", p.get("AccessKeyId"));
        assertEquals("HMAC-SHA1", p.get("SignatureMethod"));
        assertEquals("1.0", p.get("SignatureVersion"));
        assertEquals("2024-05-01T10:00:00Z", p.get("Timestamp"));
        assertEquals("cn-shanghai", p.get("RegionId"));
        assertFalse(p.containsKey("SecurityToken"));
        assertFalse(p.containsKey("IotInstanceId"));
        assertTrue(p.get("SignatureNonce").matches("[0-9a-f-]{36}"), p.get("SignatureNonce"));
        assertSignatureValid(p, "testsecret");
        assertEquals(List.of("QueryOTAJob:success"), calls);
    }

    @Test
    void securityTokenAndInstanceAreSentWhenSet() throws InterruptedException {
        transport.reply(ok(VendorSamples.QUERY_OTA_JOB));
        client(settings().credentials(new Credentials("stsid", "stssecret", "tok/en+=="))
                .iotInstanceId("iot-instance-1").regionId(null)
                .endpoint(URI.create("http://127.0.0.1:9999"))).queryJob("job");
        Map<String, String> p = transport.params(0);
        assertEquals("tok/en+==", p.get("SecurityToken"));
        assertEquals("iot-instance-1", p.get("IotInstanceId"));
        assertFalse(p.containsKey("RegionId"));
        assertEquals("http://127.0.0.1:9999/", transport.requests.get(0).toString().replaceAll("\\?.*", ""));
        assertSignatureValid(p, "stssecret");
    }

    @Test
    void listTasksSendsPagingFilterAndDeviceNames() throws InterruptedException {
        transport.reply(ok(VendorSamples.LIST_OTA_TASK_BY_JOB));
        List<String> devices = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            devices.add("dev " + i);
        }
        TaskPage page = client().listTasks(new TaskQuery("job-1", 3, 50, "FAILED", devices));
        assertEquals(2, page.tasks().size());
        Map<String, String> p = transport.params(0);
        assertEquals("ListOTATaskByJob", p.get("Action"));
        assertEquals("job-1", p.get("JobId"));
        assertEquals("3", p.get("CurrentPage"));
        assertEquals("50", p.get("PageSize"));
        assertEquals("FAILED", p.get("TaskStatus"));
        assertEquals("dev 1", p.get("DeviceNames.1"));
        assertEquals("dev 12", p.get("DeviceNames.12"));
        assertFalse(p.containsKey("DeviceNames.13"));
        assertTrue(transport.requests.get(0).getRawQuery().contains("DeviceNames.1=dev%201"));
        assertSignatureValid(p, "testsecret");
    }

    @Test
    void listFirmwareAndJobsByFirmware() throws InterruptedException {
        transport.reply(ok(VendorSamples.LIST_OTA_FIRMWARE)).reply(ok(VendorSamples.LIST_OTA_FIRMWARE))
                .reply(ok(VendorSamples.LIST_OTA_JOB_BY_FIRMWARE));
        OtaApiClient client = client();
        assertEquals(2, client.listFirmware("pk", 1, 100).firmware().size());
        assertEquals("pk", transport.params(0).get("ProductKey"));
        client.listFirmware(null, 2, 10);
        assertFalse(transport.params(1).containsKey("ProductKey"));
        assertEquals("2", transport.params(1).get("CurrentPage"));
        assertEquals("job-1", client.listJobsByFirmware("fw-1", 1, 200).jobs().get(0).jobId());
        assertEquals("fw-1", transport.params(2).get("FirmwareId"));
        assertEquals("ListOTAJobByFirmware", transport.params(2).get("Action"));
    }

    @Test
    void invalidArgumentsFailBeforeAnyCall() {
        OtaApiClient client = client();
        assertThrows(IllegalArgumentException.class, () -> client.queryJob(" "));
        assertThrows(IllegalArgumentException.class, () -> client.listFirmware(null, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> client.listFirmware(null, 1, 101));
        assertThrows(IllegalArgumentException.class, () -> client.listJobsByFirmware("fw", 1, 201));
        assertThrows(IllegalArgumentException.class, () -> client.listJobsByFirmware(null, 1, 10));
        assertTrue(transport.requests.isEmpty());
    }

    @Test
    void retriesRetriableErrorsWithAFreshNonceAndTimestampEachAttempt() throws InterruptedException {
        transport.reply(503, UNAVAILABLE).reply(200, businessError("iot.system.SystemException", "A system exception occurred."))
                .reply(ok(VendorSamples.QUERY_OTA_JOB));
        JobResult result = client().queryJob("job");

        assertEquals("HvKuBpuk3rdk6E92CP****0200", result.job().jobId());
        assertEquals(3, transport.requests.size());
        Set<String> nonces = new HashSet<>();
        List<String> timestamps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, String> p = transport.params(i);
            nonces.add(p.get("SignatureNonce"));
            timestamps.add(p.get("Timestamp"));
            assertSignatureValid(p, "testsecret");
        }
        assertEquals(3, nonces.size(), "a fresh nonce per attempt");
        // backoff 100 ms then 200 ms (jitter 0.5 of 200, 400): the third attempt is stamped after both
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), time.sleeps);
        assertEquals(List.of("2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z"), timestamps);
        assertEquals(List.of("QueryOTAJob:retriable", "QueryOTAJob:retriable", "QueryOTAJob:success"), calls);
        assertEquals(time.sleeps, retryWaits);
    }

    @Test
    void timestampFollowsTheClockAcrossLongBackoff() throws InterruptedException {
        transport.reply(400, THROTTLED).reply(ok(VendorSamples.QUERY_OTA_JOB));
        client(settings().throttleBackoff(Duration.ofSeconds(4))).queryJob("job");
        assertEquals("2024-05-01T10:00:00Z", transport.params(0).get("Timestamp"));
        assertEquals("2024-05-01T10:00:02Z", transport.params(1).get("Timestamp"));
    }

    @Test
    void nonceReuseIsRetriedWithANewNonce() throws InterruptedException {
        transport.reply(400, gatewayError("SignatureNonceUsed", "Specified signature nonce was used already."))
                .reply(ok(VendorSamples.QUERY_OTA_JOB));
        client().queryJob("job");
        assertFalse(transport.params(0).get("SignatureNonce").equals(transport.params(1).get("SignatureNonce")));
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        transport.reply(503, UNAVAILABLE).reply(503, UNAVAILABLE).reply(500, gatewayError("InternalError", "last"));
        RetriableApiException e = assertThrows(RetriableApiException.class,
                () -> client(settings().maxAttempts(3)).queryJob("job"));
        assertEquals("InternalError", e.code());
        assertEquals(500, e.httpStatus());
        assertEquals(3, transport.requests.size());
        assertEquals(2, time.sleeps.size(), "no wait after the last attempt");
    }

    @Test
    void oneAttemptMeansNoRetry() {
        transport.reply(503, UNAVAILABLE);
        assertThrows(RetriableApiException.class, () -> client(settings().maxAttempts(1)).queryJob("job"));
        assertEquals(1, transport.requests.size());
        assertTrue(time.sleeps.isEmpty());
    }

    @Test
    void nonRetriableErrorsAreNotRetried() {
        transport.reply(400, gatewayError("SignatureDoesNotMatch", "bad"))
                .reply(200, businessError("iot.ota.OTAJobNotExist", "no such job"));
        OtaApiClient client = client();
        assertThrows(FatalApiException.class, () -> client.queryJob("job"));
        assertThrows(NotFoundException.class, () -> client.queryJob("job"));
        assertEquals(2, transport.requests.size());
        assertTrue(time.sleeps.isEmpty());
        assertEquals(List.of("QueryOTAJob:fatal", "QueryOTAJob:not_found"), calls);
    }

    @Test
    void invalidResponsesAreRetried() throws InterruptedException {
        transport.reply(200, "{\"Success\":tr").reply(ok(VendorSamples.QUERY_OTA_JOB));
        client().queryJob("job");
        assertEquals(2, transport.requests.size());
        assertEquals(List.of("QueryOTAJob:retriable", "QueryOTAJob:success"), calls);
    }

    @Test
    void throttlingBacksOffLongerThanOtherErrors() throws InterruptedException {
        transport.reply(503, UNAVAILABLE).reply(ok(VendorSamples.QUERY_OTA_JOB))
                .reply(400, THROTTLED).reply(ok(VendorSamples.QUERY_OTA_JOB));
        OtaApiClient client = client();
        client.queryJob("job");
        client.queryJob("job");
        assertEquals(2, time.sleeps.size());
        Duration afterUnavailable = time.sleeps.get(0);
        Duration afterThrottling = time.sleeps.get(1);
        assertEquals(Duration.ofMillis(100), afterUnavailable);
        assertEquals(Duration.ofMillis(500), afterThrottling);
        assertTrue(afterThrottling.compareTo(afterUnavailable) > 0);
        assertEquals(List.of("QueryOTAJob:retriable", "QueryOTAJob:success", "QueryOTAJob:throttled",
                "QueryOTAJob:success"), calls);
    }

    @Test
    void backoffGrowsExponentiallyAndIsCapped() {
        transport.always(VendorSamples.response(400, THROTTLED));
        ThrottledException e = assertThrows(ThrottledException.class,
                () -> client(settings().jitter(() -> 0.999_999).maxAttempts(8).maxBackoff(Duration.ofSeconds(10)))
                        .queryJob("job"));
        assertEquals("Throttling.User", e.code());
        assertEquals(8, transport.requests.size());
        List<Long> millis = time.sleeps.stream().map(Duration::toMillis).toList();
        assertEquals(List.of(999L, 1999L, 3999L, 7999L, 9999L, 9999L, 9999L), millis);
    }

    @Test
    void everyAttemptTakesARateLimitToken() throws InterruptedException {
        transport.reply(503, UNAVAILABLE).reply(ok(VendorSamples.QUERY_OTA_JOB)).reply(ok(VendorSamples.QUERY_OTA_JOB));
        OtaApiClient client = client(settings().queriesPerSecond(1).jitter(() -> 0));
        client.queryJob("job");
        client.queryJob("job");
        // attempt 1 free; attempt 2 after a zero backoff waits 1 s for its token; the next call another 1 s
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)), time.sleeps);
    }

    @Test
    void eachActionHasItsOwnBucket() throws InterruptedException {
        transport.always(ok(VendorSamples.LIST_OTA_FIRMWARE));
        transport.reply(ok(VendorSamples.QUERY_OTA_JOB)).reply(ok(VendorSamples.LIST_OTA_TASK_BY_JOB));
        OtaApiClient client = client(settings().queriesPerSecond(1));
        client.queryJob("job");
        client.listTasks(new TaskQuery("job", 1, 10, null, List.of()));
        client.listFirmware(null, 1, 10);
        assertTrue(time.sleeps.isEmpty(), "three actions, one token each");
        client.listFirmware(null, 1, 10);
        assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps);
    }

    @Test
    void interruptDuringBackoffAbandonsTheCall() {
        transport.reply(503, UNAVAILABLE).reply(ok(VendorSamples.QUERY_OTA_JOB));
        InterruptedException stop = new InterruptedException("stop");
        Sleeper interruptingSleeper = d -> {
            throw stop;
        };
        InterruptedException e = assertThrows(InterruptedException.class,
                () -> client(settings().sleeper(interruptingSleeper)).queryJob("job"));
        assertSame(stop, e, "the interrupt travels as itself");
        assertEquals(1, transport.requests.size());
    }

    @Test
    void interruptWhileWaitingForARateLimitToken() throws InterruptedException {
        transport.always(ok(VendorSamples.QUERY_OTA_JOB));
        // the interrupt arrives while the caller waits its 10 s for a token
        Sleeper interruptedDuringLongWaits = d -> {
            if (d.compareTo(Duration.ofSeconds(5)) > 0) {
                throw new InterruptedException("stop");
            }
            time.sleep(d);
        };
        OtaApiClient client = client(settings().queriesPerSecond(0.1).sleeper(interruptedDuringLongWaits));
        client.queryJob("job");
        InterruptedException e = assertThrows(InterruptedException.class, () -> client.queryJob("job"));
        assertEquals("stop", e.getMessage());
        assertEquals(1, transport.requests.size(), "the interrupted call never went out");
    }

    @Test
    void interruptDuringTheExchange() {
        transport.then(action -> {
            throw new InterruptedException("during send");
        });
        InterruptedException e = assertThrows(InterruptedException.class, () -> client().queryJob("job"));
        assertEquals("during send", e.getMessage());
        assertEquals(List.of("QueryOTAJob:retriable"), calls);
    }

    @Test
    void alreadyInterruptedThreadMakesNoCall() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> client().queryJob("job"));
        assertFalse(Thread.interrupted(), "the thrown InterruptedException consumed the interrupt");
        assertTrue(transport.requests.isEmpty());
    }

    @Test
    void transportFailuresAreRetried() throws InterruptedException {
        transport.then(action -> {
            throw new RetriableApiException(action, null, null, 0, "connection reset");
        }).reply(ok(VendorSamples.QUERY_OTA_JOB));
        client().queryJob("job");
        assertEquals(List.of("QueryOTAJob:retriable", "QueryOTAJob:success"), calls);
    }

    @Test
    void aFailingListenerDoesNotBreakCalls() throws InterruptedException {
        transport.reply(503, UNAVAILABLE).reply(ok(VendorSamples.QUERY_OTA_JOB));
        ApiCallListener broken = new ApiCallListener() {
            @Override
            public void onCall(String action, String outcome, Duration latency) {
                throw new IllegalStateException("metrics down");
            }

            @Override
            public void onRetry(String action, OtaApiException cause, Duration backoff) {
                throw new IllegalStateException("metrics down");
            }
        };
        new OtaApiClient(settings().build(), broken, transport).queryJob("job");
        assertEquals(2, transport.requests.size());
    }

    @Test
    void latencyIsMeasuredOnTheTicker() throws InterruptedException {
        List<Duration> latencies = new CopyOnWriteArrayList<>();
        transport.then(action -> {
            time.advance(Duration.ofMillis(250));
            return ok(VendorSamples.QUERY_OTA_JOB);
        });
        new OtaApiClient(settings().build(), (a, o, latency) -> latencies.add(latency), transport).queryJob("job");
        assertEquals(List.of(Duration.ofMillis(250)), latencies);
    }

    @Test
    void closedClientRefusesCallsAndClosesTheTransportOnce() {
        OtaApiClient client = client();
        client.close();
        client.close();
        assertTrue(transport.closed);
        assertThrows(IllegalStateException.class, () -> client.queryJob("job"));
    }

    @Test
    void nullListenerMeansNone() throws InterruptedException {
        transport.reply(ok(VendorSamples.QUERY_OTA_JOB));
        assertEquals("HvKuBpuk3rdk6E92CP****0200",
                new OtaApiClient(settings().build(), null, transport).queryJob("job").job().jobId());
    }

    @Test
    void serverTimeComesFromTheResponse() throws InterruptedException {
        transport.reply(new RawResponse(200, VendorSamples.bytes(VendorSamples.QUERY_OTA_JOB), null));
        assertNull(client().queryJob("job").serverTime());
        transport.reply(ok(VendorSamples.LIST_OTA_TASK_BY_JOB));
        assertSame(VendorSamples.DATE, client().listTasks(new TaskQuery("j", 1, 10, null, List.of())).serverTime());
    }

    private static void assertSignatureValid(Map<String, String> sent, String secret) {
        Map<String, String> unsigned = new TreeMap<>(sent);
        String signature = unsigned.remove("Signature");
        assertEquals(RequestSigner.sign("GET", unsigned, secret), signature);
    }
}
