package io.github.otaconnect.simulator.push;

/**
  * What the push side did so far. {@code generated}: messages made from changes; {@code lost}: dropped by
  * the loss knob; {@code duplicated}: sent a second time; {@code heldBack}: delayed by the reorder knob;
  * {@code published}: copies a running broker took (one per consumer group per send);
  * {@code missedOutage}: copies not taken because that group's broker was stopped.
  */
public record PushStats(long generated, long lost, long duplicated, long heldBack, long published,
        long missedOutage) {
}
