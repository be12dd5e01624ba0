package io.github.otaconnect.simulator;

import java.time.Instant;

/** Real time, optionally sped up from the moment of creation. */
final class ScaledSystemClock implements SimClock {

  private final long originWallMillis;
  private final long originNanos;
  private final double speed;

  private ScaledSystemClock(double speed) {
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be a positive finite number, was " + speed);
    }
    this.originWallMillis = System.currentTimeMillis();
    this.originNanos = System.nanoTime();
    this.speed = speed;
  }

  static SimClock realTime() {
    return new SimClock() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public long millis() {
        return System.currentTimeMillis();
      }

      @Override
      public String toString() {
        return "SimClock.system()";
      }
    };
  }

  static SimClock startingNow(double speed) {
    return speed == 1.0 ? realTime() : new ScaledSystemClock(speed);
  }

  @Override
  public long millis() {
    // nanoTime, not the wall clock, so a wall-clock step does not make simulated time jump
    long elapsedNanos = System.nanoTime() - originNanos;
    return originWallMillis + (long) (elapsedNanos / 1_000_000.0 * speed);
  }

  @Override
  public Instant now() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public String toString() {
    return "SimClock.system(" + speed + ")";
  }
}
