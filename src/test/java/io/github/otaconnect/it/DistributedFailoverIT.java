package io.github.otaconnect.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The failover scenarios on Apache Kafka's embedded cluster with three Connect workers. */
class DistributedFailoverIT extends FailoverScenarios {

    private static EmbeddedConnectRuntime runtime;

    @BeforeAll
    static void startCluster() {
        runtime = EmbeddedConnectRuntime.start("ota-failover-it", WORKERS, false);
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
