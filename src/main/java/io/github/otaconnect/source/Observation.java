package io.github.otaconnect.source;

import io.github.otaconnect.api.OtaTask;

/** One task as read, the fingerprint of that state, and the API response it came from. */
record Observation(OtaTask task, long fingerprint, String requestId) {
}
