package io.github.otaconnect.simulator;

import java.time.Instant;
import java.util.Map;

/** One call as the simulator received and answered it (simulator clock time). */
public record RecordedCall(Instant at, String httpMethod, String action, Map<String, String> params,
                           int httpStatus, String outcome) {
}
