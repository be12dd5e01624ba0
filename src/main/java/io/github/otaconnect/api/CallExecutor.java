package io.github.otaconnect.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one API call to completion: for each attempt take a rate-limit token, sign afresh, send, interpret;
 * retry retriable failures with backoff until {@code maxAttempts}, then throw the last failure.
 * Thread-safe; the per-action rate limiters are shared by every thread using the client.
 */
final class CallExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(OtaApiClient.class);

    private final ClientSettings settings;
    private final Transport transport;
    private final ApiCallListener listener;
    private final SecretRedactor redactor;
    private final SignedRequestBuilder requests;
    private final BackoffPolicy backoff;
    private final ConcurrentMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CallWindow> windows = new ConcurrentHashMap<>();

    CallExecutor(ClientSettings settings, Transport transport, ApiCallListener listener, SecretRedactor redactor) {
        this.settings = settings;
        this.transport = transport;
        this.listener = listener;
        this.redactor = redactor;
        this.requests = new SignedRequestBuilder(settings);
        this.backoff = new BackoffPolicy(settings.initialBackoff(), settings.maxBackoff(), settings.throttleBackoff(),
                settings.jitter());
    }

    /** @throws InterruptedException when the thread is interrupted: the call is abandoned, not retried */
    <T> T call(String action, Map<String, String> parameters, Function<RawResponse, T> interpret)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            long started = 0;
            boolean sent = false;
            long ticket = -1;
            OtaApiException failure;
            try {
                if (Thread.interrupted()) {
                    throw new InterruptedException(action + " was not sent: the thread was interrupted");
                }
                limiter(action).acquire();
                ticket = window(action).start();
                SignedRequest request = requests.build(action, parameters);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} attempt {}/{}: GET {} {}", action, attempt, settings.maxAttempts(),
                            settings.endpoint(), redactor.loggable(request.parameters()));
                }
                started = settings.ticker().getAsLong();
                sent = true;
                T result = interpret.apply(transport.get(action, request.uri(), settings.requestTimeout()));
                report(action, ApiCallListener.SUCCESS, started);
                return result;
            } catch (InterruptedException e) {
                if (sent) {
                    report(action, "retriable", started);
                }
                throw e;
            } catch (OtaApiException e) {
                report(action, e.outcome(), started);
                failure = e;
            } finally {
                if (ticket >= 0) {
                    window(action).completed(ticket);
                }
            }
            if (!failure.isRetriable() || attempt >= settings.maxAttempts()) {
                LOG.debug("{} failed after {} attempt(s), not retrying: {}", action, attempt, failure.getMessage());
                throw failure;
            }
            Duration wait = backoff.delay(attempt, failure instanceof ThrottledException);
            notifyRetry(action, failure, wait);
            LOG.debug("{} attempt {}/{} failed, retrying in {} ms: {}", action, attempt, settings.maxAttempts(),
                    wait.toMillis(), failure.getMessage());
            settings.sleeper().sleep(wait);
        }
    }

    /** The gateway's sliding one-second count, per action like the buckets. */
    private CallWindow window(String action) {
        return windows.computeIfAbsent(action, a -> CallWindow.forRate(settings.queriesPerSecond(), settings.ticker(),
                settings.sleeper()));
    }

    /** One bucket per action: the vendor's quota is per action, so one busy action must not starve another. */
    private RateLimiter limiter(String action) {
        return limiters.computeIfAbsent(action, a -> new RateLimiter(settings.queriesPerSecond(),
                settings.rateLimitBurst(), settings.ticker(), settings.sleeper()));
    }

    private void report(String action, String outcome, long started) {
        Duration latency = Duration.ofNanos(Math.max(0, settings.ticker().getAsLong() - started));
        try {
            listener.onCall(action, outcome, latency);
        } catch (RuntimeException e) {
            LOG.warn("ApiCallListener.onCall failed for {}; ignoring it", action, e);
        }
    }

    private void notifyRetry(String action, OtaApiException failure, Duration wait) {
        try {
            listener.onRetry(action, failure, wait);
        } catch (RuntimeException e) {
            LOG.warn("ApiCallListener.onRetry failed for {}; ignoring it", action, e);
        }
    }
}
