package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CallWindowTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Sleeper sleeper = duration -> now.addAndGet(duration.toNanos());

    @Test
    void theCallNPlacesLaterStartsOneSecondAfterTheEarlierOneEnded() throws Exception {
        CallWindow window = new CallWindow(2, now::get, sleeper);

        long first = window.start();
        now.addAndGet(Duration.ofMillis(30).toNanos());
        window.completed(first);
        long endOfFirst = now.get();
        long second = window.start();
        window.completed(second);
        window.start();

        assertTrue(now.get() >= endOfFirst + Duration.ofSeconds(1).toNanos(),
                "the third call waited for the first call's end plus one second");
    }

    @Test
    void theFirstNCallsDoNotWait() throws Exception {
        CallWindow window = new CallWindow(3, now::get, sleeper);
        long before = now.get();

        for (int i = 0; i < 3; i++) {
            window.completed(window.start());
        }

        assertEquals(before, now.get());
    }

    @Test
    void aRateBelowOneStillAllowsOneCallPerSecond() throws Exception {
        CallWindow window = CallWindow.forRate(0.5, now::get, sleeper);
        long before = now.get();

        window.completed(window.start());
        window.completed(window.start());

        assertEquals(before + Duration.ofSeconds(1).toNanos(), now.get());
    }
}
