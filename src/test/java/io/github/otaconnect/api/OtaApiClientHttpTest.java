package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** The client against a real HTTP server on loopback: the transport's behaviour, not the vendor's. */
@Timeout(60)
class OtaApiClientHttpTest {

    private static final String DATE_HEADER = "Wed, 01 May 2024 10:00:00 GMT";

    private HttpServer server;
    private ExecutorService serverThreads;
    private volatile HttpHandler behaviour;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<OtaApiClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            queries.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + "?"
                    + exchange.getRequestURI().getRawQuery());
            clientPorts.add(exchange.getRemoteAddress().getPort());
            try {
                behaviour.handle(exchange);
            } catch (IOException expected) {
                // the client went away, as some tests intend
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        clients.forEach(OtaApiClient::close);
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private ClientSettings.Builder settings() {
        return ClientSettings.builder()
                .endpoint(endpoint())
                .regionId("cn-shanghai")
                .credentials(new Credentials("testid", "testsecret", "sts-token"))
                .queriesPerSecond(Double.POSITIVE_INFINITY)
                .sleeper(d -> { })
                .maxAttempts(1);
    }

    private OtaApiClient client(ClientSettings.Builder settings) {
        OtaApiClient client = new OtaApiClient(settings.build());
        clients.add(client);
        return client;
    }

    private static HttpHandler json(int status, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    @Test
    void seedResponseRoundTrip() throws InterruptedException {
        behaviour = json(200, VendorSamples.QUERY_OTA_JOB);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JobResult result = client(settings()).queryJob("HvKuBpuk3rdk6E92CP****0200");
        Instant after = Instant.now();

        assertEquals("HvKuBpuk3rdk6E92CP****0200", result.job().jobId());
        assertServerTime(before, result.serverTime(), after);
        String query = queries.get(0);
        assertTrue(query.startsWith("GET /?"), query);
        Map<String, String> params = ScriptedTransport.decode(URI.create("http://x/" + query.substring(4)));
        assertEquals("sts-token", params.get("SecurityToken"));
        assertEquals("HvKuBpuk3rdk6E92CP****0200", params.get("JobId"));
        Map<String, String> unsigned = new TreeMap<>(params);
        String signature = unsigned.remove("Signature");
        assertEquals(RequestSigner.sign("GET", unsigned, "testsecret"), signature);
    }

    @Test
    void taskPageOverHttp() throws InterruptedException {
        behaviour = json(200, VendorSamples.LIST_OTA_TASK_BY_JOB);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TaskPage page = client(settings())
                .listTasks(new TaskQuery("7glPHmaDYLAYMD1HHutT02****", 1, 10, null, List.of()));
        Instant after = Instant.now();
        assertEquals(2, page.tasks().size());
        assertServerTime(before, page.serverTime(), after);
    }

    @Test
    void gatewayErrorOverHttp() {
        behaviour = json(404, VendorSamples.gatewayError("InvalidAccessKeyId.NotFound", "Specified access key is not found."));
        FatalApiException e = assertThrows(FatalApiException.class, () -> client(settings()).queryJob("job"));
        assertEquals(404, e.httpStatus());
        assertEquals("REQ-1", e.requestId());
        assertEquals(FatalApiException.Reason.CREDENTIALS, e.reason());
    }

    @Test
    void retriesOverHttpWithFreshNonces() throws InterruptedException {
        AtomicLong count = new AtomicLong();
        behaviour = exchange -> (count.incrementAndGet() < 3
                ? json(503, VendorSamples.gatewayError("ServiceUnavailable", "busy"))
                : json(200, VendorSamples.QUERY_OTA_JOB)).handle(exchange);
        client(settings().maxAttempts(5)).queryJob("job");
        assertEquals(3, queries.size());
        Set<String> nonces = new HashSet<>();
        for (String q : queries) {
            nonces.add(ScriptedTransport.decode(URI.create("http://x/" + q.substring(4))).get("SignatureNonce"));
        }
        assertEquals(3, nonces.size());
    }

    @Test
    void endlessBodyIsCutAtTheCap() {
        AtomicLong written = new AtomicLong();
        behaviour = exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no declared length
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            while (written.get() < 512L * 1024 * 1024) {
                out.write(chunk);
                out.flush();
                written.addAndGet(chunk.length);
            }
        };
        InvalidResponseException e = assertThrows(InvalidResponseException.class,
                () -> client(settings().maxResponseBytes(16 * 1024)).queryJob("job"));
        assertTrue(e.getMessage().contains("larger than the 16384-byte cap"), e.getMessage());
        assertTrue(e.isRetriable());
        // the server found the connection closed long before it could send everything
        assertTrue(written.get() < 512L * 1024 * 1024, "written " + written.get());
    }

    @Test
    void declaredLengthOverTheCapIsRefusedUpFront() {
        behaviour = json(200, "{\"Success\":true,\"Data\":{\"JobId\":\"j\",\"JobDesc\":\"" + "x".repeat(100_000) + "\"}}");
        assertThrows(InvalidResponseException.class, () -> client(settings().maxResponseBytes(1024)).queryJob("job"));
    }

    @Test
    void bodyAtTheCapIsRead() throws InterruptedException {
        String body = VendorSamples.QUERY_OTA_JOB;
        behaviour = json(200, body);
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        assertEquals("HvKuBpuk3rdk6E92CP****0200",
                client(settings().maxResponseBytes(size)).queryJob("job").job().jobId());
    }

    @Test
    void stalledBodyTimesOut() {
        behaviour = exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("{\"Success\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            awaitRelease();
        };
        RetriableApiException e = assertThrows(RetriableApiException.class,
                () -> client(settings().requestTimeout(Duration.ofMillis(300))).queryJob("job"));
        assertTrue(e.getMessage().contains("request timeout"), e.getMessage());
        assertEquals(0, e.httpStatus());
    }

    @Test
    void stalledHeadersTimeOut() {
        behaviour = exchange -> awaitRelease();
        RetriableApiException e = assertThrows(RetriableApiException.class,
                () -> client(settings().requestTimeout(Duration.ofMillis(300))).queryJob("job"));
        assertTrue(e.getMessage().contains("request timeout"), e.getMessage());
    }

    @Test
    void connectionRefusedIsRetriable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RetriableApiException e = assertThrows(RetriableApiException.class,
                () -> client(settings().endpoint(URI.create("http://127.0.0.1:" + port + "/"))).queryJob("job"));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
    }

    @Test
    void oneClientServesManyThreadsOverReusedConnections() throws Exception {
        behaviour = json(200, VendorSamples.QUERY_OTA_JOB);
        OtaApiClient client = client(settings());
        int threads = 6;
        int callsPerThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads * callsPerThread; i++) {
                results.add(pool.submit(() -> client.queryJob("job").job().jobId()));
            }
            for (Future<String> f : results) {
                assertEquals("HvKuBpuk3rdk6E92CP****0200", f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * callsPerThread, queries.size());
        assertTrue(new HashSet<>(clientPorts).size() < threads * callsPerThread,
                "connections are pooled, not opened per call: " + new HashSet<>(clientPorts).size());
    }

    @Test
    void dateHeaderParsing() {
        assertEquals(Instant.parse("2024-05-01T10:00:00Z"), HttpTransport.serverTime(DATE_HEADER));
        assertNull(HttpTransport.serverTime(null));
        assertNull(HttpTransport.serverTime(""));
        assertNull(HttpTransport.serverTime("yesterday"));
        assertNull(HttpTransport.serverTime("x".repeat(1000)));
    }

    @Test
    void defaultConstructorsWork() throws InterruptedException {
        behaviour = json(200, VendorSamples.QUERY_OTA_JOB);
        List<String> outcomes = new CopyOnWriteArrayList<>();
        try (OtaApiClient withListener = new OtaApiClient(settings().build(), (a, o, l) -> outcomes.add(o))) {
            withListener.queryJob("job");
        }
        assertEquals(List.of("success"), outcomes);
        OtaApiClient closed = client(settings());
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.queryJob("job"));
    }

    @Test
    void failureMappingUnwrapsAndScrubs() {
        HttpTransport transport = HttpTransport.create(settings().build(),
                SecretRedactor.of(new Credentials("id", "testsecret", "sts-token")));
        try {
            OtaApiException e = transport.failure("QueryOTAJob",
                    new java.util.concurrent.CompletionException(new IOException("reset while sending sts-token")),
                    Duration.ofSeconds(1));
            assertInstanceOf(IOException.class, e.getCause());
            assertTrue(e.isRetriable());
            assertTrue(e.getMessage().contains("network error"), e.getMessage());
            assertTrue(!e.getMessage().contains("sts-token"), e.getMessage());
        } finally {
            transport.close();
        }
    }

    /**
     * The JDK's test server always replaces the {@code Date} header with its own clock (second resolution),
     * so the parsed value must fall within the call.
     */
    private static void assertServerTime(Instant before, Instant serverTime, Instant after) {
        assertTrue(serverTime != null && !serverTime.isBefore(before) && !serverTime.isAfter(after),
                before + " <= " + serverTime + " <= " + after);
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
