package io.github.otaconnect.simulator;

import java.util.Arrays;

/**
 * The tasks of one job as columns of primitives, one slot per task index: about 20 bytes a task plus
 * the per-status index sets. Identifiers are not stored; {@link TaskIdentities} derives them from the index.
 * Times are whole seconds relative to a base, which is also the API's effective resolution.
 */
final class TaskTable {

  static final long NO_EVENT = Long.MAX_VALUE;

  private int size;
  private byte[] status;
  private byte[] progress;
  private byte[] retriesUsed;
  private byte[] desc;
  private int[] createdSec;
  private int[] modifiedSec;
  private long[] nextDue;
  private final IndexSet[] byStatus;

  TaskTable(int initialCapacity) {
    int capacity = Math.max(16, initialCapacity);
    status = new byte[capacity];
    progress = new byte[capacity];
    retriesUsed = new byte[capacity];
    desc = new byte[capacity];
    createdSec = new int[capacity];
    modifiedSec = new int[capacity];
    nextDue = new long[capacity];
    byStatus = new IndexSet[TaskStatus.COUNT];
    for (int s = 0; s < byStatus.length; s++) {
      byStatus[s] = new IndexSet(capacity);
    }
  }

  private TaskTable(TaskTable source) {
    size = source.size;
    status = Arrays.copyOf(source.status, size);
    progress = Arrays.copyOf(source.progress, size);
    retriesUsed = Arrays.copyOf(source.retriesUsed, size);
    desc = Arrays.copyOf(source.desc, size);
    createdSec = Arrays.copyOf(source.createdSec, size);
    modifiedSec = Arrays.copyOf(source.modifiedSec, size);
    nextDue = Arrays.copyOf(source.nextDue, size);
    byStatus = new IndexSet[TaskStatus.COUNT];
    for (int s = 0; s < byStatus.length; s++) {
      byStatus[s] = source.byStatus[s].copy();
    }
  }

  /** A frozen copy for the truth API (arrays only, still no per-task objects). */
  TaskTable snapshot() {
    return new TaskTable(this);
  }

  int size() {
    return size;
  }

  int add(TaskStatus initial, int created, int modified, int progressPercent) {
    if (size == status.length) {
      grow();
    }
    int i = size++;
    status[i] = initial.code();
    progress[i] = (byte) progressPercent;
    createdSec[i] = created;
    modifiedSec[i] = modified;
    nextDue[i] = NO_EVENT;
    byStatus[initial.ordinal()].add(i);
    return i;
  }

  private void grow() {
    int capacity = status.length + (status.length >> 1) + 16;
    status = Arrays.copyOf(status, capacity);
    progress = Arrays.copyOf(progress, capacity);
    retriesUsed = Arrays.copyOf(retriesUsed, capacity);
    desc = Arrays.copyOf(desc, capacity);
    createdSec = Arrays.copyOf(createdSec, capacity);
    modifiedSec = Arrays.copyOf(modifiedSec, capacity);
    nextDue = Arrays.copyOf(nextDue, capacity);
    for (IndexSet set : byStatus) {
      set.ensureCapacity(capacity);
    }
  }

  TaskStatus status(int i) {
    return TaskStatus.ofCode(status[i]);
  }

  void setStatus(int i, TaskStatus next) {
    int previous = status[i];
    if (previous != next.ordinal()) {
      byStatus[previous].remove(i);
      byStatus[next.ordinal()].add(i);
      status[i] = next.code();
    }
  }

  int progress(int i) {
    return progress[i];
  }

  void setProgress(int i, int percent) {
    progress[i] = (byte) percent;
  }

  int retriesUsed(int i) {
    return retriesUsed[i];
  }

  void setRetriesUsed(int i, int retries) {
    retriesUsed[i] = (byte) Math.min(retries, Byte.MAX_VALUE);
  }

  int desc(int i) {
    return desc[i];
  }

  void setDesc(int i, int code) {
    desc[i] = (byte) code;
  }

  int createdSec(int i) {
    return createdSec[i];
  }

  int modifiedSec(int i) {
    return modifiedSec[i];
  }

  void setModifiedSec(int i, int seconds) {
    modifiedSec[i] = seconds;
  }

  long nextDue(int i) {
    return nextDue[i];
  }

  void setNextDue(int i, long dueMillis) {
    nextDue[i] = dueMillis;
  }

  int count(TaskStatus s) {
    return byStatus[s.ordinal()].size();
  }

  /** The index of the task with the given rank (0-based, by index) among the tasks in status {@code s}. */
  int select(TaskStatus s, int rank) {
    return byStatus[s.ordinal()].select(rank);
  }

  int nextIn(TaskStatus s, int fromIndex) {
    return byStatus[s.ordinal()].nextSetBit(fromIndex);
  }

  long footprintBytes() {
    long columns = (long) status.length * (4 * Byte.BYTES + 2 * Integer.BYTES + Long.BYTES);
    long sets = 0;
    for (IndexSet set : byStatus) {
      sets += set.footprintBytes();
    }
    return columns + sets;
  }
}
