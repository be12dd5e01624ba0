package io.github.otaconnect.source;

import java.time.Duration;

import io.github.otaconnect.source.OtaSourceConnectorConfig.FinishedJobPolicy;
import io.github.otaconnect.source.OtaSourceConnectorConfig.StartMode;

/** The configuration a scan needs, taken from the connector config once. */
record ScanSettings(int pageSize, Duration pollInterval, Duration plannedJobCheckInterval, Duration lookback,
                    StartMode startMode, FinishedJobPolicy finishedJobPolicy, int maxRecentStates, int chunkSize) {

    /** Records per hand-over to poll(); also the most records one poll() returns. */
    static final int DEFAULT_CHUNK_SIZE = 500;

    static ScanSettings from(OtaSourceConnectorConfig config) {
        return new ScanSettings(config.pageSize(), config.pollInterval(), config.plannedJobCheckInterval(),
                config.lookback(), config.startMode(), config.finishedJobPolicy(), config.offsetRecentMaxEntries(),
                DEFAULT_CHUNK_SIZE);
    }
}
