package io.github.otaconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeliveryLagTest {

    private static final long DEPLOYED = 1_700_000_000_000L;

    @Test
    void percentilesCoverOnlyTheLatestChangesSinceDeployment() {
        DeliveryLag lag = new DeliveryLag(100, DEPLOYED);
        lag.accept(DEPLOYED + 3_600_000, DEPLOYED - 3_600_000); // history from the first read
        for (int i = 1; i <= 100; i++) {
            lag.accept(DEPLOYED + 10_000 + i * 100L, DEPLOYED + 10_000);
        }

        assertEquals(100, lag.sampleCount());
        assertEquals(5_000, lag.percentileMillis(50));
        assertEquals(9_900, lag.percentileMillis(99));

        for (int i = 0; i < 100; i++) {
            lag.accept(DEPLOYED + 20_700, DEPLOYED + 20_000);
        }
        assertEquals(700, lag.percentileMillis(50));
        assertEquals(700, lag.percentileMillis(99));
        assertTrue(lag.describe().contains("p50 0.7 s, p99 0.7 s"), lag.describe());
        assertTrue(lag.describe().contains("1 s resolution"), lag.describe());
    }

    @Test
    void withoutChangesSinceDeploymentThereIsNothingToShow() {
        DeliveryLag lag = new DeliveryLag(10, DEPLOYED);
        lag.accept(DEPLOYED + 1_000, DEPLOYED - 1);

        assertEquals(0, lag.sampleCount());
        assertEquals(-1, lag.percentileMillis(50));
        assertTrue(lag.describe().contains("no task change"), lag.describe());
    }
}
