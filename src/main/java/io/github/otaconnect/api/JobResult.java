package io.github.otaconnect.api;

import java.time.Instant;
import java.util.Objects;

/** The answer of {@code QueryOTAJob}; {@code serverTime} is the HTTP {@code Date} header, {@code null} if absent. */
public record JobResult(OtaJob job, String requestId, Instant serverTime) {

    public JobResult {
        Objects.requireNonNull(job, "job");
    }
}
