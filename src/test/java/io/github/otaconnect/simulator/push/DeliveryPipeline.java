package io.github.otaconnect.simulator.push;

import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
  * Applies {@link PushKnobs} to each message and hands what survives to the brokers on a scheduler thread.
  * Decisions are drawn when a message is offered (in generation order, under this object's lock), never on
  * the scheduler, so they do not depend on timing.
  */
final class DeliveryPipeline {

    /** Publishes one message to every consumer group; returns how many groups' brokers took it. */
    interface Fanout {
        int publish(VendorMessage message);

        int groups();
    }

    private final PushKnobs knobs;
    private final Fanout fanout;
    private final ScheduledExecutorService scheduler;
    private final SplittableRandom random;
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong heldBack = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong missedOutage = new AtomicLong();

    DeliveryPipeline(PushKnobs knobs, Fanout fanout, ScheduledExecutorService scheduler) {
        this.knobs = knobs;
        this.fanout = fanout;
        this.scheduler = scheduler;
        this.random = new SplittableRandom(knobs.seed());
    }

    synchronized void offer(VendorMessage message) {
        generated.incrementAndGet();
        // draw every decision for every message, so one knob's setting does not shift the others' draws
        boolean lose = roll(knobs.lossProbability());
        boolean duplicate = roll(knobs.duplicationProbability());
        boolean holdBack = roll(knobs.reorderProbability());
        long jitterMs = knobs.jitter().toMillis();
        long waitMs = knobs.delay().toMillis() + (jitterMs > 0 ? random.nextLong(jitterMs + 1) : 0);
        if (lose) {
            lost.incrementAndGet();
            return;
        }
        if (holdBack) {
            heldBack.incrementAndGet();
            waitMs += knobs.holdBack().toMillis();
        }
        schedule(message, waitMs);
        if (duplicate) {
            duplicated.incrementAndGet();
            schedule(message, waitMs + knobs.duplicateGap().toMillis());
        }
    }

    private boolean roll(double probability) {
        double draw = random.nextDouble();
        return probability > 0 && draw < probability;
    }

    private void schedule(VendorMessage message, long waitMs) {
        scheduler.schedule(() -> send(message), waitMs, TimeUnit.MILLISECONDS);
    }

    private void send(VendorMessage message) {
        int taken = fanout.publish(message);
        published.addAndGet(taken);
        missedOutage.addAndGet(fanout.groups() - taken);
    }

    PushStats stats() {
        return new PushStats(generated.get(), lost.get(), duplicated.get(), heldBack.get(), published.get(),
                missedOutage.get());
    }
}
