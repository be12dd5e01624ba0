package io.github.otaconnect.api;

import java.net.URI;
import java.time.Duration;

/**
 * Sends one signed GET and returns what came back. The seam between retry logic and the network, so the
 * retry loop can be tested against a scripted fake.
 */
interface Transport extends AutoCloseable {

    /**
     * @throws RetriableApiException    (or {@link InvalidResponseException}) for network failures, timeouts and
     *                                  oversized bodies; messages must not contain secrets
     * @throws InterruptedException     when the calling thread is interrupted while waiting
     */
    RawResponse get(String action, URI uri, Duration timeout) throws InterruptedException;

    @Override
    void close();
}
