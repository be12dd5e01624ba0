package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PushReadBudgetTest {

    private static final long SECOND = 1_000_000_000L;
    /** Polling every 10 s, and every 300 s while push is connected. */
    private final PushReadBudget budget = new PushReadBudget(Duration.ofSeconds(10), Duration.ofSeconds(300), 1.0);

    @Test
    void aQuietJobsFirstReadsGoAtOnceUpToOneScansCost() {
        assertTrue(budget.tryTake(1, 4, 0));
        assertTrue(budget.tryTake(3, 4, 0));
        assertFalse(budget.tryTake(1, 4, 0));
    }

    @Test
    void overTimeReadsSpendNoMoreThanPollingSaves() {
        long spent = readsOfABusyJobForAnHour(budget);
        double saved = 4 * 3_600 * (1 / 10.0 - 1 / 300.0);
        // the bucket's depth, one scan, is the only excess
        assertTrue(spent <= saved + 4, spent + " calls spent, polling saved " + saved);
        assertTrue(spent >= saved - 1, spent + " calls spent, polling saved " + saved);
    }

    @Test
    void itSaysWhenTheCallsWillBeThere() {
        budget.tryTake(4, 4, 0);
        Duration wait = budget.untilAvailable(1, 4, 0);
        // 4 calls per 10 s minus 4 per 300 s: 0.3867 calls/s, so one call in about 2.59 s
        assertEquals(2_587, wait.toMillis(), 2);
        assertFalse(budget.tryTake(1, 4, wait.toNanos() - SECOND / 10));
        assertTrue(budget.tryTake(1, 4, wait.toNanos()));
    }

    @Test
    void aHigherRatioSpendsThatMultipleOfPollingLessTheSafetyNet() {
        PushReadBudget generous = new PushReadBudget(Duration.ofSeconds(10), Duration.ofSeconds(300), 1.5);
        long spent = readsOfABusyJobForAnHour(generous);
        double allowed = 4 * 3_600 * (1.5 / 10.0 - 1 / 300.0);
        assertTrue(spent <= allowed + 4 && spent >= allowed - 1, spent + " calls spent, " + allowed + " allowed");
    }

    /** A job with a change always waiting, read as soon as the budget allows, as the scan loop does. */
    private static long readsOfABusyJobForAnHour(PushReadBudget budget) {
        long spent = 0;
        for (long t = 0; t <= 3_600 * SECOND; t += Math.max(budget.untilAvailable(1, 4, t).toNanos(), 1)) {
            if (budget.tryTake(1, 4, t)) {
                spent++;
            }
        }
        return spent;
    }
}
