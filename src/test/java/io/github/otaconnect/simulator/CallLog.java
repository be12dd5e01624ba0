package io.github.otaconnect.simulator;

import java.util.ArrayDeque;
import java.util.List;

/** The most recent calls, oldest first, bounded so that a long benchmark does not grow the heap. */
final class CallLog {

  private final int capacity;
  private final ArrayDeque<RecordedCall> calls;

  CallLog(int capacity) {
    this.capacity = capacity;
    this.calls = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  synchronized void add(RecordedCall call) {
    if (capacity == 0) {
      return;
    }
    if (calls.size() == capacity) {
      calls.pollFirst();
    }
    calls.addLast(call);
  }

  synchronized List<RecordedCall> snapshot() {
    return List.copyOf(calls);
  }

  synchronized void clear() {
    calls.clear();
  }
}
