package io.github.otaconnect.simulator.push;

import java.time.Duration;

/**
  * How the simulated vendor mistreats push messages, adjustable while a test runs. Every decision comes
  * from one generator seeded with {@link #seed()}, drawn in the order messages are generated, so the same
  * seed and the same sequence of changes make the same decisions whatever the timing.
  *
  * <ul>
  *   <li>loss: the message is never sent (the vendor's delivery is at-least-once only while a client is
  *       connected; a lost message stands for anything worse);</li>
  *   <li>duplication: the message is sent twice with the same messageId, the copy {@link #duplicateGap()}
  *       after the original (the vendor re-pushes until it gets an ACK);</li>
  *   <li>reordering: the message is held back an extra {@link #holdBack()}, so later ones overtake it;</li>
  *   <li>delay: every message waits {@link #delay()} plus a uniform random part of {@link #jitter()}.</li>
  * </ul>
  */
public final class PushKnobs {

    private final long seed;
    private volatile double lossProbability;
    private volatile double duplicationProbability;
    private volatile double reorderProbability;
    private volatile Duration holdBack = Duration.ofMillis(500);
    private volatile Duration duplicateGap = Duration.ofMillis(50);
    private volatile Duration delay = Duration.ZERO;
    private volatile Duration jitter = Duration.ZERO;

    public PushKnobs(long seed) {
        this.seed = seed;
    }

    /** No loss, duplication, reordering or delay. */
    public static PushKnobs faithful(long seed) {
        return new PushKnobs(seed);
    }

    public long seed() {
        return seed;
    }

    public PushKnobs loss(double probability) {
        this.lossProbability = probability(probability);
        return this;
    }

    public PushKnobs duplication(double probability) {
        this.duplicationProbability = probability(probability);
        return this;
    }

    public PushKnobs duplication(double probability, Duration gap) {
        this.duplicateGap = nonNegative(gap);
        return duplication(probability);
    }

    public PushKnobs reorder(double probability, Duration holdBack) {
        this.reorderProbability = probability(probability);
        this.holdBack = nonNegative(holdBack);
        return this;
    }

    public PushKnobs delay(Duration fixed, Duration jitter) {
        this.delay = nonNegative(fixed);
        this.jitter = nonNegative(jitter);
        return this;
    }

    public double lossProbability() {
        return lossProbability;
    }

    public double duplicationProbability() {
        return duplicationProbability;
    }

    public double reorderProbability() {
        return reorderProbability;
    }

    public Duration holdBack() {
        return holdBack;
    }

    public Duration duplicateGap() {
        return duplicateGap;
    }

    public Duration delay() {
        return delay;
    }

    public Duration jitter() {
        return jitter;
    }

    private static double probability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a probability is between 0 and 1, not " + p);
        }
        return p;
    }

    private static Duration nonNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        return d;
    }
}
