package io.github.otaconnect.api;

import java.time.Instant;
import java.util.Objects;

/**
 * What came back over HTTP, before interpretation.
 *
 * @param statusCode the HTTP status
 * @param body       the body bytes, already cut off at the size cap by the transport
 * @param serverTime the {@code Date} header, {@code null} when absent or unreadable
 */
public record RawResponse(int statusCode, byte[] body, Instant serverTime) {

    public RawResponse {
        Objects.requireNonNull(body, "body");
    }

    @Override
    public String toString() {
        return "RawResponse[status=" + statusCode + ", " + body.length + " bytes, serverTime=" + serverTime + "]";
    }
}
