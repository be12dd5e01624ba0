package io.github.otaconnect.source;

import java.time.Duration;

import io.github.otaconnect.source.OtaSourceConnectorConfig.FinishedJobPolicy;
import io.github.otaconnect.source.OtaSourceConnectorConfig.StartMode;

/** The configuration a scan needs, taken from the connector config once. */
record ScanSettings(int pageSize, Duration pollInterval, Duration plannedJobCheckInterval, Duration lookback,
                    StartMode startMode, FinishedJobPolicy finishedJobPolicy, int maxRecentStates, int chunkSize,
                    int maxBufferedChanges) {

    /** Records per hand-over to poll(); also the most records one poll() returns. */
    static final int DEFAULT_CHUNK_SIZE = 500;
    /**
     * Changes one scan holds before it emits them: enough for any steady state, while a first read of a
     * huge job streams out instead of holding every task (about 1 KB each) in memory.
     */
    static final int DEFAULT_MAX_BUFFERED_CHANGES = 20_000;

    static ScanSettings from(OtaSourceConnectorConfig config) {
        return new ScanSettings(config.pageSize(), config.pollInterval(), config.plannedJobCheckInterval(),
                config.lookback(), config.startMode(), config.finishedJobPolicy(), config.offsetRecentMaxEntries(),
                DEFAULT_CHUNK_SIZE, DEFAULT_MAX_BUFFERED_CHANGES);
    }
}
