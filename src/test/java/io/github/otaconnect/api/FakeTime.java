package io.github.otaconnect.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake time source for tests: one monotonic nanosecond counter that drives the ticker, the wall clock and
 * the sleeper, so sleeping advances time instantly and every wait is recorded.
 */
final class FakeTime implements Sleeper {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Instant epoch;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    FakeTime(Instant start) {
        this.epoch = start.minusNanos(nanos.get());
    }

    long ticker() {
        return nanos.get();
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("fake sleep interrupted");
        }
        sleeps.add(d);
        long target = nanos.get() + d.toNanos();
        nanos.accumulateAndGet(target, Math::max);
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return epoch.plusNanos(nanos.get());
            }
        };
    }

    Duration totalSlept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
