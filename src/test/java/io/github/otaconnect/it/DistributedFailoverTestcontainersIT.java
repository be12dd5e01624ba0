package io.github.otaconnect.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The failover scenarios with Kafka in a container and three in-JVM workers, for machines with Docker;
 * skipped where there is none. The same scenarios run on the embedded cluster in
 * {@link DistributedFailoverIT}.
 */
@Testcontainers(disabledWithoutDocker = true)
class DistributedFailoverTestcontainersIT extends FailoverScenarios {

    private static TestcontainersConnectRuntime runtime;

    @BeforeAll
    static void startCluster() {
        runtime = TestcontainersConnectRuntime.start("ota-tc-failover-it", WORKERS);
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
