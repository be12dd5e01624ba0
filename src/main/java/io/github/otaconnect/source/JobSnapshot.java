package io.github.otaconnect.source;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.github.otaconnect.api.OtaJob;

/**
 * What a job snapshot record says: the job as QueryOTAJob returned it, plus what the connector's scan
 * learned about it (how many tasks, by status, how many it could not read, whether it is finished). The
 * counts are those of the task states the connector delivered, so they always match the task topic.
 */
record JobSnapshot(OtaJob job, Long taskTotal, Map<String, Long> countsByStatus, long unreadableTasks,
                   boolean finished, String requestId, Instant observedAt) {

    long fingerprint() {
        return StateFingerprint.of(job, finished, taskTotal + "/" + unreadableTasks + "/" + new TreeMap<>(countsByStatus));
    }
}
