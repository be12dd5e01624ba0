package io.github.otaconnect.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector scenarios on Apache Kafka's embedded cluster: one KRaft broker and one Connect worker. */
class OtaSourceConnectorIT extends ConnectorScenarios {

    private static EmbeddedConnectRuntime runtime;

    @BeforeAll
    static void startCluster() {
        runtime = EmbeddedConnectRuntime.start("ota-it", 1, false);
    }

    @AfterAll
    static void stopCluster() {
        runtime.close();
    }

    @Override
    protected ConnectRuntime runtime() {
        return runtime;
    }
}
