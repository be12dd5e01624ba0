package io.github.otaconnect.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when a test moves it. Thread-safe: a test thread may advance it while the
 * simulator serves calls from other threads. Millisecond resolution.
 */
public final class ManualClock implements SimClock {

  /** A fixed, unremarkable default start so that runs are reproducible. */
  public static final Instant DEFAULT_START = Instant.parse("2024-05-06T08:00:00Z");

  private final AtomicLong millis;

  public ManualClock() {
    this(DEFAULT_START);
  }

  public ManualClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  public static ManualClock at(Instant start) {
    return new ManualClock(start);
  }

  @Override
  public Instant now() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  /** Moves time forward; the scenario applies every transition that fell due on its next observation. */
  public ManualClock advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a ManualClock only moves forward; use set() to jump back");
    }
    millis.addAndGet(by.toMillis());
    return this;
  }

  public ManualClock advanceSeconds(long seconds) {
    return advance(Duration.ofSeconds(seconds));
  }

  public ManualClock advanceMillis(long ms) {
    return advance(Duration.ofMillis(ms));
  }

  /**
   * Jumps to an instant, also backwards (e.g. to provoke InvalidTimeStamp.Expired). The scenario never
   * undoes transitions it already applied: going back only delays further evolution.
   */
  public ManualClock set(Instant instant) {
    millis.set(instant.toEpochMilli());
    return this;
  }

  @Override
  public String toString() {
    return "ManualClock[" + now() + "]";
  }
}
