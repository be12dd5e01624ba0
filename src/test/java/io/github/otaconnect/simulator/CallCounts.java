package io.github.otaconnect.simulator;

import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of calls by action and outcome. Outcomes: "success", "throttled" (the QPS limit),
 * a gateway or business error code (e.g. "SignatureDoesNotMatch", "iot.ota.OTAJobNotExist"), or a fault
 * ("fault:connection_reset", see {@link Fault#outcome()}). A call with no Action counts under "".
 */
public final class CallCounts {

  private final Map<String, Map<String, Long>> byAction;

  CallCounts(Map<String, Map<String, Long>> byAction) {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    byAction.forEach((action, outcomes) -> copy.put(action, Map.copyOf(new TreeMap<>(outcomes))));
    this.byAction = Map.copyOf(copy);
  }

  public long count(String action, String outcome) {
    return byAction.getOrDefault(action, Map.of()).getOrDefault(outcome, 0L);
  }

  /** All calls of one action. */
  public long total(String action) {
    return byAction.getOrDefault(action, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  /** All calls. */
  public long total() {
    return byAction.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
  }

  /** Calls with this outcome, whatever the action. */
  public long countOutcome(String outcome) {
    return byAction.values().stream().mapToLong(m -> m.getOrDefault(outcome, 0L)).sum();
  }

  /** action -> outcome -> count. */
  public Map<String, Map<String, Long>> asMap() {
    return byAction;
  }

  @Override
  public String toString() {
    return new TreeMap<>(byAction).toString();
  }
}
