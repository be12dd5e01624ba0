package io.github.otaconnect.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts calls by action and outcome; each call is counted once, with its final outcome. */
public final class CallCounters {

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> counts = new ConcurrentHashMap<>();

  void record(String action, String outcome) {
    counts.computeIfAbsent(action == null ? "" : action, a -> new ConcurrentHashMap<>())
        .computeIfAbsent(outcome, o -> new LongAdder())
        .increment();
  }

  public CallCounts snapshot() {
    Map<String, Map<String, Long>> copy = new HashMap<>();
    counts.forEach((action, outcomes) -> {
      Map<String, Long> values = new HashMap<>();
      outcomes.forEach((outcome, adder) -> values.put(outcome, adder.sum()));
      copy.put(action, values);
    });
    return new CallCounts(copy);
  }

  public void reset() {
    counts.clear();
  }
}
