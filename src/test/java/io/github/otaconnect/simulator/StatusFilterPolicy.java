package io.github.otaconnect.simulator;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which {@code TaskStatus} values ListOTATaskByJob accepts as a filter, and how often it refused one.
 *
 * <p>Only the six values of the vendor's reference page are accepted. The vendor's own SDK also knows
 * {@code CONFIRM}, and the simulator produces {@code PAUSED_BY_VENDOR}, but nothing promises that the
 * vendor filters by them: the simulator refuses them, so that a client must cope with the worst case.
 * Thread-safe.
 */
final class StatusFilterPolicy {

  static final Set<String> DOCUMENTED =
      Set.of("QUEUED", "NOTIFIED", "IN_PROGRESS", "SUCCEEDED", "FAILED", "CANCELED");

  private final ConcurrentHashMap<String, LongAdder> refusals = new ConcurrentHashMap<>();

  /** Whether a listing may filter by this value; a refusal is counted. */
  boolean accept(String status) {
    if (DOCUMENTED.contains(status)) {
      return true;
    }
    refusals.computeIfAbsent(status, s -> new LongAdder()).increment();
    return false;
  }

  /** Refused calls by the TaskStatus value they asked for. */
  Map<String, Long> refusals() {
    Map<String, Long> copy = new TreeMap<>();
    refusals.forEach((status, count) -> copy.put(status, count.sum()));
    return copy;
  }
}
