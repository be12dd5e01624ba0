package io.github.otaconnect.simulator;

import java.util.Arrays;

/**
 * A min-heap of (due time, task index) pairs in two primitive arrays, so a million pending transitions
 * cost 12 MB and no objects. Ties on time are broken by task index, which keeps evolution reproducible.
 * Entries are never removed from the middle: a task whose due time changed leaves a stale entry behind
 * that the job recognises (its recorded due time differs) and skips.
 */
final class TransitionQueue {

  private long[] due;
  private int[] task;
  private int size;

  TransitionQueue(int initialCapacity) {
    int capacity = Math.max(16, initialCapacity);
    due = new long[capacity];
    task = new int[capacity];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    size = 0;
  }

  void push(long dueMillis, int taskIndex) {
    if (size == due.length) {
      int grown = size + (size >> 1) + 16;
      due = Arrays.copyOf(due, grown);
      task = Arrays.copyOf(task, grown);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(dueMillis, taskIndex, due[parent], task[parent])) {
        break;
      }
      due[i] = due[parent];
      task[i] = task[parent];
      i = parent;
    }
    due[i] = dueMillis;
    task[i] = taskIndex;
  }

  long peekDue() {
    return size == 0 ? Long.MAX_VALUE : due[0];
  }

  int peekTask() {
    if (size == 0) {
      throw new IllegalStateException("empty queue");
    }
    return task[0];
  }

  void pop() {
    if (size == 0) {
      throw new IllegalStateException("empty queue");
    }
    size--;
    if (size == 0) {
      return;
    }
    long lastDue = due[size];
    int lastTask = task[size];
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && less(due[right], task[right], due[child], task[child])) {
        child = right;
      }
      if (!less(due[child], task[child], lastDue, lastTask)) {
        break;
      }
      due[i] = due[child];
      task[i] = task[child];
      i = child;
    }
    due[i] = lastDue;
    task[i] = lastTask;
  }

  private static boolean less(long dueA, int taskA, long dueB, int taskB) {
    return dueA < dueB || (dueA == dueB && taskA < taskB);
  }

  long footprintBytes() {
    return due.length * 12L;
  }
}
