package io.github.otaconnect.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The connector scenarios with Kafka in a container, for machines with Docker; skipped where there is
 * none. The same scenarios run on the embedded cluster in {@link OtaSourceConnectorIT}.
 */
@Testcontainers(disabledWithoutDocker = true)
class OtaSourceConnectorTestcontainersIT extends ConnectorScenarios {

    private static TestcontainersConnectRuntime runtime;

    @BeforeAll
    static void startCluster() {
        runtime = TestcontainersConnectRuntime.start("ota-tc-it", 1);
    }

    @AfterAll
    static void stopCluster() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Override
    protected ConnectRuntime runtime() {
        return runtime;
    }
}
