package io.github.otaconnect.simulator;

import java.util.AbstractList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consistent snapshot of one job and all its tasks, taken under the scenario's lock, for comparing what
 * a client delivered with what the vendor holds. Holds copies of the primitive columns, not a million
 * objects: {@link TaskState}s are made on access.
 */
public final class JobTruth {

  private final SimJobState job;
  private final TaskTable tasks;
  private final TaskView view;
  private final boolean jobOver;

  JobTruth(SimJobState job, TaskTable tasks, TaskView view, boolean jobOver) {
    this.job = job;
    this.tasks = tasks;
    this.view = view;
    this.jobOver = jobOver;
  }

  public SimJobState job() {
    return job;
  }

  public int taskCount() {
    return tasks.size();
  }

  public TaskState task(int index) {
    if (index < 0 || index >= tasks.size()) {
      throw new IndexOutOfBoundsException("job " + job.jobId() + " has " + tasks.size() + " tasks, no index " + index);
    }
    return view.state(tasks, index, jobOver);
  }

  public Optional<TaskState> task(String taskId) {
    int index = view.ids().taskIndex(taskId);
    return index >= 0 && index < tasks.size() ? Optional.of(task(index)) : Optional.empty();
  }

  public Optional<TaskState> taskOfDevice(String deviceName) {
    int index = view.ids().deviceIndex(deviceName);
    return index >= 0 && index < tasks.size() ? Optional.of(task(index)) : Optional.empty();
  }

  /** All tasks by index, as a view that builds each element on access. */
  public List<TaskState> tasks() {
    return new AbstractList<>() {
      @Override
      public TaskState get(int index) {
        return task(index);
      }

      @Override
      public int size() {
        return tasks.size();
      }
    };
  }

  /** TaskId -> task, materialised; fine for thousands of tasks, wasteful for a million. */
  public Map<String, TaskState> byTaskId() {
    Map<String, TaskState> map = new LinkedHashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      TaskState t = task(i);
      map.put(t.taskId(), t);
    }
    return map;
  }

  public Map<TaskStatus, Integer> countByStatus() {
    Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
    for (TaskStatus s : TaskStatus.values()) {
      if (tasks.count(s) > 0) {
        counts.put(s, tasks.count(s));
      }
    }
    return counts;
  }

  public int count(TaskStatus status) {
    return tasks.count(status);
  }

  /** No task of this job will change any more (the job is over, or every task is final). */
  public boolean allTasksSettled() {
    for (int i = 0; i < tasks.size(); i++) {
      if (!jobOver && !view.isFinal(tasks, i)) {
        return false;
      }
    }
    return true;
  }
}
