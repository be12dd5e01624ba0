package io.github.otaconnect.api;

import java.time.Duration;

/**
 * Observes the client's HTTP attempts, for metrics. Called on the calling thread, so implementations must be
 * quick and thread-safe; an exception thrown here is logged and otherwise ignored.
 */
public interface ApiCallListener {

    /** Outcome of a successful attempt. */
    String SUCCESS = "success";

    /** Ignores everything. */
    ApiCallListener NONE = (action, outcome, latency) -> { };

    /**
     * Called once per HTTP attempt (retries included).
     *
     * @param outcome {@code success}, {@code throttled}, {@code retriable}, {@code not_found} or {@code fatal}
     *                (see {@link OtaApiException#outcome()})
     */
    void onCall(String action, String outcome, Duration latency);

    /** Called before the client waits {@code backoff} and tries again after {@code cause}. */
    default void onRetry(String action, OtaApiException cause, Duration backoff) {
    }
}
