package io.github.otaconnect.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Fault injection knobs. Planned faults ("the next N calls") are served first, in the order they were
 * added; then each probability rule is rolled in order with one seeded {@link Random}, so a run with the
 * same seed and the same sequence of calls fails the same calls. An action of null matches every call.
 * Thread-safe.
 */
public final class Faults {

  private static final class Planned {
    final String action;
    final Fault fault;
    int remaining;

    Planned(String action, int remaining, Fault fault) {
      this.action = action;
      this.remaining = remaining;
      this.fault = fault;
    }
  }

  private record Chance(String action, double probability, Fault fault) {
  }

  private final List<Planned> planned = new ArrayList<>();
  private final List<Chance> chances = new ArrayList<>();
  private Random random;

  Faults(long seed) {
    this.random = new Random(seed);
  }

  /** The next {@code calls} calls (of any action) get this fault. */
  public Faults failNext(int calls, Fault fault) {
    return failNext(null, calls, fault);
  }

  /** The next {@code calls} calls of {@code action} get this fault. */
  public synchronized Faults failNext(String action, int calls, Fault fault) {
    if (calls < 0) {
      throw new IllegalArgumentException("calls must be >= 0");
    }
    if (calls > 0) {
      planned.add(new Planned(action, calls, Objects.requireNonNull(fault)));
    }
    return this;
  }

  /** Each call (of any action) gets this fault with the given probability. */
  public Faults failRandomly(double probability, Fault fault) {
    return failRandomly(null, probability, fault);
  }

  public synchronized Faults failRandomly(String action, double probability, Fault fault) {
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability must be within 0..1");
    }
    chances.add(new Chance(action, probability, Objects.requireNonNull(fault)));
    return this;
  }

  /** Restarts the random sequence of probability rules. */
  public synchronized Faults reseed(long seed) {
    this.random = new Random(seed);
    return this;
  }

  /** Removes every planned fault and probability rule. */
  public synchronized void clear() {
    planned.clear();
    chances.clear();
  }

  /** Planned faults not yet served. */
  public synchronized int pending() {
    int sum = 0;
    for (Planned p : planned) {
      sum += p.remaining;
    }
    return sum;
  }

  /** The fault for this call, or null; consumes a planned fault. */
  synchronized Fault draw(String action) {
    Iterator<Planned> it = planned.iterator();
    while (it.hasNext()) {
      Planned p = it.next();
      if (p.action == null || p.action.equals(action)) {
        if (--p.remaining <= 0) {
          it.remove();
        }
        return p.fault;
      }
    }
    for (Chance c : chances) {
      if ((c.action() == null || c.action().equals(action)) && random.nextDouble() < c.probability()) {
        return c.fault();
      }
    }
    return null;
  }
}
