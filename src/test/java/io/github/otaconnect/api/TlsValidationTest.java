package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The client validates the certificate of an https endpoint (there is no trust-all switch): against a
 * server on loopback with a self-signed certificate the call fails in the TLS handshake, so the signed
 * request, STS token included, never reaches the untrusted peer. The same server answers a client that
 * does trust the certificate, which shows the refusal is certificate validation and nothing else.
 */
@Timeout(60)
class TlsValidationTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;
    private HttpsServer server;
    private final AtomicInteger requestsServed = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aSelfSignedCertificateIsRefusedBeforeAnyRequestIsSent() throws Exception {
        KeyStore keyStore = selfSignedKeyStore();
        URI endpoint = startHttpsServer(keyStore);
        ClientSettings settings = ClientSettings.builder()
                .endpoint(endpoint)
                .credentials(new Credentials("tls-test-id", "tls-test-secret", "tls-test-token"))
                .maxAttempts(1)
                .build();

        OtaApiException refused;
        try (OtaApiClient client = new OtaApiClient(settings)) {
            refused = assertThrows(OtaApiException.class, () -> client.queryJob("job-0001"));
        }

        assertTrue(causes(refused).stream().anyMatch(SSLHandshakeException.class::isInstance),
                "a TLS handshake failure: " + causes(refused));
        assertTrue(refused.getMessage().contains("TLS"), "the message points at TLS: " + refused.getMessage());
        assertInstanceOf(FatalApiException.class, refused, "retrying cannot make a certificate trusted");
        assertEquals(0, requestsServed.get(), "no request reached the server with the untrusted certificate");

        HttpResponse<String> trusted = trustingClient(keyStore).send(HttpRequest.newBuilder(endpoint).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, trusted.statusCode(), "the server itself works for a client that trusts it");
        assertEquals(1, requestsServed.get());
    }

    private URI startHttpsServer(KeyStore keyStore) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            requestsServed.incrementAndGet();
            byte[] body = VendorSamples.bytes(VendorSamples.QUERY_OTA_JOB);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static HttpClient trustingClient(KeyStore keyStore) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A fresh key pair and self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private KeyStore selfSignedKeyStore() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "no keytool in this JDK");
        Path file = dir.resolve("server.p12");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), () -> read(dir.resolve("keytool.log")));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, PASSWORD);
        }
        return keyStore;
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = error; t != null && chain.size() < 20; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
