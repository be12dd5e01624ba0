package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final FakeTime time = new FakeTime(Instant.parse("2024-01-01T00:00:00Z"));

    private RateLimiter limiter(double qps, int burst) {
        return new RateLimiter(qps, burst, time::ticker, time);
    }

    @Test
    void firstCallIsFreeThenCallsAreSpacedEvenly() throws InterruptedException {
        RateLimiter limiter = limiter(10, 1);
        long start = time.ticker();
        for (int i = 0; i < 11; i++) {
            limiter.acquire();
        }
        assertEquals(Duration.ofSeconds(1), Duration.ofNanos(time.ticker() - start));
        assertEquals(10, time.sleeps.size());
        time.sleeps.forEach(d -> assertEquals(Duration.ofMillis(100), d));
    }

    @Test
    void fractionalRate() throws InterruptedException {
        RateLimiter limiter = limiter(0.5, 1);
        limiter.acquire();
        limiter.acquire();
        limiter.acquire();
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), time.sleeps);
    }

    @Test
    void idleTimeRefillsUpToTheBurst() throws InterruptedException {
        RateLimiter limiter = limiter(2, 3);
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }
        assertTrue(time.sleeps.isEmpty(), "a full bucket of 3 at start");
        time.advance(Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }
        assertTrue(time.sleeps.isEmpty(), "refilled to 3, not to 120");
        limiter.acquire();
        assertEquals(List.of(Duration.ofMillis(500)), time.sleeps);
    }

    @Test
    void partialRefillShortensTheWait() throws InterruptedException {
        RateLimiter limiter = limiter(1, 1);
        limiter.acquire();
        time.advance(Duration.ofMillis(700));
        limiter.acquire();
        assertEquals(List.of(Duration.ofMillis(300)), time.sleeps);
    }

    @Test
    void infiniteRateNeverWaits() throws InterruptedException {
        RateLimiter limiter = limiter(Double.POSITIVE_INFINITY, 1);
        for (int i = 0; i < 1000; i++) {
            limiter.acquire();
        }
        assertTrue(time.sleeps.isEmpty());
    }

    @Test
    void interruptedWhileWaitingThrowsAndKeepsTheBucketConservative() throws InterruptedException {
        RateLimiter limiter = limiter(1, 1);
        limiter.acquire();
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, limiter::acquire);
        } finally {
            Thread.interrupted();
        }
        // the abandoned slot is not handed out again: the next caller waits for the slot after it
        limiter.acquire();
        assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps);
    }

    @Test
    void realSleeperIsInterruptible() {
        RateLimiter limiter = new RateLimiter(0.001, 1, System::nanoTime, Sleeper.system());
        assertThrows(InterruptedException.class, () -> {
            limiter.acquire();
            Thread.currentThread().interrupt();
            limiter.acquire();
        });
        assertTrue(!Thread.currentThread().isInterrupted(), "InterruptedException cleared the flag");
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> limiter(0, 1));
        assertThrows(IllegalArgumentException.class, () -> limiter(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> limiter(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> limiter(1, 0));
    }

    /**
     * Many threads on one bucket: sorted by the time each was let through, the i-th grant is never earlier
     * than i intervals after the start, i.e. concurrency never lets more through than the rate.
     */
    @Test
    void concurrentCallersNeverExceedTheRate() throws Exception {
        RateLimiter limiter = limiter(20, 1);
        long start = time.ticker();
        int threads = 8;
        int perThread = 25;
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        limiter.acquire();
                        grants.add(time.ticker() - start);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> sorted = new ArrayList<>(grants);
        Collections.sort(sorted);
        assertEquals(threads * perThread, sorted.size());
        long interval = Duration.ofMillis(50).toNanos();
        for (int i = 0; i < sorted.size(); i++) {
            assertTrue(sorted.get(i) >= i * interval, "grant " + i + " at " + sorted.get(i) + " ns");
        }
    }
}
