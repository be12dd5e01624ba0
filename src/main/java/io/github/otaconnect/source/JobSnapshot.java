package io.github.otaconnect.source;

import java.time.Instant;

import io.github.otaconnect.api.OtaJob;

/**
 * What a job snapshot record says: the job as QueryOTAJob returned it, plus what the connector's scan
 * learned about it (how many tasks, how many it could not read, whether it is finished).
 */
record JobSnapshot(OtaJob job, Long taskTotal, long unreadableTasks, boolean finished, String requestId,
                   Instant observedAt) {

    long fingerprint() {
        return StateFingerprint.of(job, finished, taskTotal + "/" + unreadableTasks);
    }
}
