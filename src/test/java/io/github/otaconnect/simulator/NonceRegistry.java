package io.github.otaconnect.simulator;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers signature nonces for the timestamp window (a replay older than that fails the timestamp check
 * anyway). Bounded: past {@code maxEntries} the oldest nonces are forgotten early, trading replay
 * detection for memory, as a long benchmark would otherwise grow without limit.
 */
final class NonceRegistry {

  private final long windowMillis;
  private final int maxEntries;
  private final LinkedHashMap<String, Long> seenAt = new LinkedHashMap<>();

  NonceRegistry(long windowMillis, int maxEntries) {
    this.windowMillis = windowMillis;
    this.maxEntries = maxEntries;
  }

  /** True the first time a nonce is presented within the window. */
  synchronized boolean firstUse(String accessKeyId, String nonce, long nowMillis) {
    Iterator<Map.Entry<String, Long>> oldest = seenAt.entrySet().iterator();
    while (oldest.hasNext()) {
      Map.Entry<String, Long> e = oldest.next();
      if (seenAt.size() > maxEntries || e.getValue() < nowMillis - windowMillis) {
        oldest.remove();
      } else {
        break;
      }
    }
    return seenAt.putIfAbsent(accessKeyId + '\n' + nonce, nowMillis) == null;
  }

  synchronized int size() {
    return seenAt.size();
  }
}
