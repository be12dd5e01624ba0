package io.github.otaconnect.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulator's notion of "now". The scenario evolves lazily: whenever anything is observed
 * (an API call, {@link Scenario#truth(String)}), every transition due up to {@link #now()} is applied in
 * order first. So a {@link ManualClock} that a test advances drives evolution deterministically, and
 * {@link #system()} makes it follow real time.
 */
public interface SimClock {

  Instant now();

  default long millis() {
    return now().toEpochMilli();
  }

  /** Real time. */
  static SimClock system() {
    return ScaledSystemClock.realTime();
  }

  /**
   * Starts at the real current time and then runs {@code speed} times faster. Note that the gateway checks
   * request timestamps against this clock: a client on real time drifts out of the 15-minute window after
   * 15 min / (speed - 1) of real time (raise {@code OtaApiSimulator.Builder#timestampTolerance} if needed).
   */
  static SimClock system(double speed) {
    return ScaledSystemClock.startingNow(speed);
  }

  /** This clock as a {@link java.time.Clock}, e.g. to give the API client the same time as the server. */
  default Clock asClock() {
    SimClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
          return this;
        }
        throw new UnsupportedOperationException("a SimClock view is always UTC");
      }

      @Override
      public Instant instant() {
        return self.now();
      }

      @Override
      public long millis() {
        return self.millis();
      }
    };
  }
}
