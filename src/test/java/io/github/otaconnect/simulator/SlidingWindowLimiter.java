package io.github.otaconnect.simulator;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code limit} accepted calls per key in any one-second window (key = account + action). Only
 * accepted calls enter the window, so a client that keeps retrying while throttled is not locked out
 * longer, matching the vendor's "N queries per second" counting of served queries.
 */
final class SlidingWindowLimiter {

  private static final long WINDOW_MS = 1000;

  private final Map<String, ArrayDeque<Long>> accepted = new HashMap<>();
  private volatile int limit;

  SlidingWindowLimiter(int limit) {
    setLimit(limit);
  }

  void setLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0 (0 = off)");
    }
    this.limit = limit;
  }

  int limit() {
    return limit;
  }

  synchronized boolean tryAcquire(String key, long nowMillis) {
    int max = limit;
    if (max == 0) {
      return true;
    }
    ArrayDeque<Long> window = accepted.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!window.isEmpty() && window.peekFirst() <= nowMillis - WINDOW_MS) {
      window.pollFirst();
    }
    if (window.size() >= max) {
      return false;
    }
    window.addLast(nowMillis);
    return true;
  }
}
