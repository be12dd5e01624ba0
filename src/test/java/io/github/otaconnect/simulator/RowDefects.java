package io.github.otaconnect.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Serves rows of ListOTATaskByJob malformed on demand: a chosen task's row for its next N listings, or any
 * row with a probability drawn from one seeded {@link Random} (the same seed and the same calls malform the
 * same rows). Only the response changes; the task itself is as it was. Thread-safe.
 */
public final class RowDefects {

  /** For {@link #malformTask}: the row stays malformed for as long as the test runs. */
  public static final int ALWAYS = Integer.MAX_VALUE;

  private static final class Planned {
    final String jobId;
    final String taskId;
    final RowDefect defect;
    int remaining;

    Planned(String jobId, String taskId, RowDefect defect, int remaining) {
      this.jobId = jobId;
      this.taskId = taskId;
      this.defect = defect;
      this.remaining = remaining;
    }
  }

  private record Chance(double probability, RowDefect defect) {
  }

  private final List<Planned> planned = new ArrayList<>();
  private final List<Chance> chances = new ArrayList<>();
  private final Map<RowDefect, Long> served = new EnumMap<>(RowDefect.class);
  private Random random;

  RowDefects(long seed) {
    this.random = new Random(seed);
  }

  /** The row of this task is malformed the next {@code times} times a listing serves it. */
  public synchronized RowDefects malformTask(String jobId, String taskId, RowDefect defect, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be >= 1");
    }
    planned.add(new Planned(Objects.requireNonNull(jobId), Objects.requireNonNull(taskId),
        Objects.requireNonNull(defect), times));
    return this;
  }

  /** Every row served is malformed this way with the given probability. */
  public synchronized RowDefects malformRandomly(double probability, RowDefect defect) {
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability must be within 0..1");
    }
    chances.add(new Chance(probability, Objects.requireNonNull(defect)));
    return this;
  }

  public synchronized RowDefects reseed(long seed) {
    this.random = new Random(seed);
    return this;
  }

  public synchronized void clear() {
    planned.clear();
    chances.clear();
  }

  /** Rows served with this defect so far. */
  public synchronized long served(RowDefect defect) {
    return served.getOrDefault(defect, 0L);
  }

  /** Rows served malformed so far (a row with two defects counts once per defect). */
  public synchronized long served() {
    return served.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Malforms {@code row}, the rendering of {@code task}, if a plan or a roll says so. */
  synchronized ObjectNode apply(TaskState task, ObjectNode row) {
    Iterator<Planned> it = planned.iterator();
    while (it.hasNext()) {
      Planned p = it.next();
      if (p.jobId.equals(task.jobId()) && p.taskId.equals(task.taskId())) {
        malform(row, p.defect);
        if (p.remaining != ALWAYS && --p.remaining == 0) {
          it.remove();
        }
      }
    }
    for (Chance c : chances) {
      if (random.nextDouble() < c.probability()) {
        malform(row, c.defect());
      }
    }
    return row;
  }

  private void malform(ObjectNode row, RowDefect defect) {
    defect.applyTo(row);
    served.merge(defect, 1L, Long::sum);
  }
}
