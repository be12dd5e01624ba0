package io.github.otaconnect.source;

import java.time.Duration;

/**
 * How pushed changes are paced into reads: the linger that batches a job's devices, the two polling
 * intervals (push down, push connected), and how many calls push may spend next to what polling at the
 * normal interval would.
 *
 * @param callBudgetRatio calls that pushed re-reads and safety-net polling may spend together, as a multiple
 *                        of polling every {@code pollInterval}; 1 means push never costs more calls than polling
 */
record PushPacing(Duration linger, Duration pollInterval, Duration pushPollInterval, double callBudgetRatio) {

    static PushPacing of(OtaSourceConnectorConfig config) {
        return new PushPacing(config.pushReadLinger(), config.pollInterval(), config.pushPollInterval(),
                config.pushCallBudgetRatio());
    }

    PushReadBudget newBudget() {
        return new PushReadBudget(pollInterval, pushPollInterval, callBudgetRatio);
    }
}
