package io.github.otaconnect.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Transport} over one shared {@link HttpClient} (it pools connections and is thread-safe).
 *
 * <p>The request timeout covers the whole exchange, body included: {@link HttpRequest.Builder#timeout} alone
 * stops counting once the headers arrive, so a server that stalls mid-body would hang the caller. The wait
 * on the exchange's future enforces the rest.
 */
final class HttpTransport implements Transport {

    private static final String USER_AGENT = "kafka-connect-alibaba-iot-ota";
    private static final AtomicInteger CLIENT_COUNT = new AtomicInteger();

    private final HttpClient client;
    private final ExecutorService executor;
    private final URI endpoint;
    private final int maxBodyBytes;
    private final SecretRedactor redactor;

    private HttpTransport(HttpClient client, ExecutorService executor, URI endpoint, int maxBodyBytes,
                          SecretRedactor redactor) {
        this.client = client;
        this.executor = executor;
        this.endpoint = endpoint;
        this.maxBodyBytes = maxBodyBytes;
        this.redactor = redactor;
    }

    static HttpTransport create(ClientSettings settings, SecretRedactor redactor) {
        int clientNumber = CLIENT_COUNT.incrementAndGet();
        AtomicInteger threadCount = new AtomicInteger();
        // our own daemon threads, so close() can release them instead of waiting for garbage collection
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ota-api-http-" + clientNumber + "-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // the API is plain HTTP/1.1; asking for h2 only adds an upgrade round and its corner cases
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
        return new HttpTransport(client, executor, settings.endpoint(), settings.maxResponseBytes(), redactor);
    }

    @Override
    public RawResponse get(String action, URI uri, Duration timeout) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .build();
        AtomicReference<CappedBodySubscriber> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> {
            CappedBodySubscriber subscriber = new CappedBodySubscriber(maxBodyBytes, declaredLength(info));
            body.set(subscriber);
            return subscriber;
        });
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new RawResponse(response.statusCode(), response.body(),
                    serverTime(response.headers().firstValue("Date").orElse(null)));
        } catch (TimeoutException e) {
            abandon(exchange, body);
            throw new RetriableApiException(action, null, null, 0, "no complete response from " + endpoint
                    + " within the request timeout of " + timeout + ". The call is retried; if this persists,"
                    + " check network latency to the endpoint or raise ota.http.request.timeout.ms.", e);
        } catch (InterruptedException e) {
            abandon(exchange, body);
            throw e;
        } catch (ExecutionException e) {
            throw failure(action, e.getCause() == null ? e : e.getCause(), timeout);
        } catch (CancellationException e) {
            throw failure(action, e, timeout);
        }
    }

    /** Whether the handshake failed because the server's certificate chain is not trusted. */
    private static boolean isUntrustedCertificate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException
                    || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof javax.net.ssl.SSLPeerUnverifiedException
                    || t instanceof java.security.cert.CertPathBuilderException) {
                return true;
            }
        }
        return false;
    }

    /** The {@code Content-Length}, or -1 when absent or unreadable (then the cap is enforced while reading). */
    private static long declaredLength(HttpResponse.ResponseInfo info) {
        try {
            return info.headers().firstValueAsLong("Content-Length").orElse(-1L);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private static void abandon(CompletableFuture<?> exchange, AtomicReference<CappedBodySubscriber> body) {
        exchange.cancel(true);
        CappedBodySubscriber subscriber = body.get();
        if (subscriber != null) {
            subscriber.abandon();
        }
    }

    /** Maps what the HTTP client threw to a typed exception; its message is scrubbed before it is quoted. */
    OtaApiException failure(String action, Throwable cause, Duration timeout) {
        Throwable c = cause;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (isUntrustedCertificate(c)) {
            // Retrying cannot make a certificate trusted: fail with the fix instead of retrying forever.
            return new FatalApiException(FatalApiException.Reason.ENDPOINT, action, null, null, 0, "the TLS "
                    + "certificate of " + endpoint + " is not trusted. Check ota.endpoint.url; behind a "
                    + "TLS-intercepting proxy, add its CA to the worker's trust store (javax.net.ssl.trustStore).",
                    c);
        }
        if (c instanceof CappedBodySubscriber.BodyTooLargeException) {
            return new InvalidResponseException(action, null, null, 0, "the response body is larger than the "
                    + maxBodyBytes + "-byte cap and was not read to the end. If the vendor legitimately sends"
                    + " bodies this large, use a smaller page size.", c);
        }
        if (c instanceof HttpConnectTimeoutException) {
            return new RetriableApiException(action, null, null, 0, "could not connect to " + endpoint
                    + " within the connect timeout. The call is retried; if this persists, check the endpoint"
                    + " (ota.endpoint.url, ota.region.id), DNS, firewalls and proxies.", c);
        }
        if (c instanceof HttpTimeoutException) {
            return new RetriableApiException(action, null, null, 0, "no response from " + endpoint
                    + " within the request timeout of " + timeout + ". The call is retried; if this persists,"
                    + " check network latency to the endpoint or raise ota.http.request.timeout.ms.", c);
        }
        String what = c.getClass().getSimpleName();
        String detail = c.getMessage() == null ? "" : ": " + redactor.scrub(c.getMessage()).replaceAll("\\p{Cntrl}", " ");
        if (c instanceof IOException) {
            return new RetriableApiException(action, null, null, 0, "network error talking to " + endpoint + " ("
                    + what + detail + "). The call is retried; if this persists, check connectivity to the"
                    + " endpoint and any proxy or TLS interception in between.", c);
        }
        return new RetriableApiException(action, null, null, 0, "the HTTP exchange with " + endpoint
                + " failed unexpectedly (" + what + detail + "). The call is retried.", c);
    }

    /** The {@code Date} header (RFC 1123); {@code null} when absent or malformed, never a failure. */
    static Instant serverTime(String dateHeader) {
        if (dateHeader == null || dateHeader.isBlank() || dateHeader.length() > 64) {
            return null;
        }
        try {
            return ZonedDateTime.parse(dateHeader.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
