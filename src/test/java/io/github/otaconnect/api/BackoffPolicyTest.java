package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    private static BackoffPolicy policy(double jitter) {
        return new BackoffPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(1), () -> jitter);
    }

    @Test
    void ceilingDoublesFromTheBaseUpToTheCap() {
        BackoffPolicy p = policy(0.5);
        assertEquals(Duration.ofMillis(200), p.ceiling(1, false));
        assertEquals(Duration.ofMillis(400), p.ceiling(2, false));
        assertEquals(Duration.ofMillis(800), p.ceiling(3, false));
        assertEquals(Duration.ofMillis(25_600), p.ceiling(8, false));
        assertEquals(Duration.ofSeconds(30), p.ceiling(9, false));
        assertEquals(Duration.ofSeconds(30), p.ceiling(1_000_000, false), "no overflow");
    }

    @Test
    void throttlingStartsFromTheLargerBase() {
        BackoffPolicy p = policy(0.5);
        for (int retry = 1; retry <= 5; retry++) {
            assertTrue(p.delay(retry, true).compareTo(p.delay(retry, false)) > 0, "retry " + retry);
        }
        assertEquals(Duration.ofSeconds(1), p.ceiling(1, true));
        assertEquals(Duration.ofSeconds(30), p.ceiling(6, true));
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        assertEquals(Duration.ZERO, policy(0.0).delay(3, false));
        assertEquals(Duration.ofMillis(400), policy(0.5).delay(3, false));
        Random random = new Random(42);
        BackoffPolicy p = new BackoffPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(1),
                random::nextDouble);
        for (int i = 0; i < 1000; i++) {
            Duration d = p.delay(1 + i % 12, i % 2 == 0);
            assertTrue(!d.isNegative() && d.compareTo(Duration.ofSeconds(30)) <= 0, d.toString());
        }
    }

    @Test
    void jitterOutsideTheUnitIntervalIsClamped() {
        assertEquals(Duration.ofMillis(200), policy(7).delay(1, false));
        assertEquals(Duration.ZERO, policy(-1).delay(1, false));
        assertEquals(Duration.ZERO, policy(Double.NaN).delay(1, false));
    }

    @Test
    void withoutJitterEachWaitIsTheCeiling() {
        BackoffPolicy p = new BackoffPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5));
        assertEquals(Duration.ofSeconds(10), p.delay(1, false));
        assertEquals(Duration.ofSeconds(20), p.delay(2, false));
        assertEquals(Duration.ofSeconds(160), p.delay(5, false));
        assertEquals(Duration.ofMinutes(5), p.delay(6, false));
        assertEquals(Duration.ofMinutes(5), p.delay(40, false));
    }
}
