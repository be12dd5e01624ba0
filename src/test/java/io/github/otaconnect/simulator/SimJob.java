package io.github.otaconnect.simulator;

import static io.github.otaconnect.simulator.TaskTable.NO_EVENT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * One live job and its tasks. Not thread-safe: the {@link Scenario} serialises access.
 *
 * <p>Evolution is lazy and event-driven: each not-yet-final task has at most one pending transition in
 * the {@link TransitionQueue}; {@link #advanceTo(long)} applies every transition due up to a time in
 * (time, index) order, together with the job's own events (planned start, schedule end, dynamic growth).
 * All randomness comes from one seeded generator consumed in that order, so the same seed and the same
 * sequence of scenario calls give the same history however often it is observed in between.
 */
final class SimJob {

  private static final long RETRY_MINUTE_MS = 60_000L;

  private final JobSpec spec;
  private final String jobId;
  private final String firmwareId;
  private final String firmwareName;
  private final TaskView view;
  private final TaskTable tasks;
  private final TransitionQueue queue;
  private final SplittableRandom random;
  private final long baseSec;
  private final long createMs;
  private final long scheduleMs;
  private final long scheduleFinishMs;

  private JobStatus status;
  private long modifiedMs;
  private long startMs = -1;
  private long endMs = -1;
  private int unsettled;
  private boolean growing;
  private long grown;
  private long growthOriginMs;
  private long nextGrowthMs = NO_EVENT;
  private long advancedTo;
  /** Null while the job is being built: its starting state is not a change. */
  private ListenerChain listeners;

  SimJob(JobSpec spec, String jobId, String firmwareId, long seed, long nowMs, long baseSec) {
    this.spec = spec;
    this.jobId = jobId;
    this.firmwareId = firmwareId;
    this.firmwareName = spec.firmwareName != null ? spec.firmwareName : "firmware-" + spec.destVersion;
    this.baseSec = baseSec;
    this.random = new SplittableRandom(seed);
    this.view = new TaskView(jobId, spec, firmwareId, new TaskIdentities(jobId, spec.productKey,
        spec.deviceNamePrefix), baseSec);
    this.tasks = new TaskTable(spec.taskCount);
    int activeGuess = (int) Math.min(spec.taskCount, Math.max(16, spec.taskCount * activeFraction(spec)));
    this.queue = new TransitionQueue(activeGuess);
    this.createMs = nowMs - spec.history.toMillis();
    this.modifiedMs = createMs;
    this.advancedTo = nowMs;
    if (spec.scheduleIn != null) {
      this.scheduleMs = nowMs + spec.scheduleIn.toMillis();
      this.scheduleFinishMs = spec.scheduleLength == null ? -1 : scheduleMs + spec.scheduleLength.toMillis();
      this.status = JobStatus.PLANNED;
    } else {
      this.scheduleMs = -1;
      this.scheduleFinishMs = -1;
      this.status = JobStatus.IN_PROGRESS;
      this.startMs = createMs;
      populateInitialTasks(nowMs);
      if (spec.dynamic && spec.growthPerSecond > 0) {
        growing = true;
        growthOriginMs = nowMs;
        nextGrowthMs = nextGrowthTime();
      }
      checkCompletion(lastModifiedMs(nowMs));
    }
    if (spec.canceled) {
      cancel(nowMs);
    }
  }

  private static double activeFraction(JobSpec spec) {
    double terminal = 0;
    for (var e : spec.initialMix.entrySet()) {
      if (e.getKey().isEndState()) {
        terminal += e.getValue();
      }
    }
    return 1 - terminal + 0.01;
  }

  void reportTo(ListenerChain chain) {
    this.listeners = chain;
  }

  private boolean reporting() {
    return listeners != null && !listeners.isEmpty();
  }

  private void reportJobStatus() {
    if (reporting()) {
      listeners.jobStatusChanged(state());
    }
  }

  String jobId() {
    return jobId;
  }

  String firmwareId() {
    return firmwareId;
  }

  String firmwareName() {
    return firmwareName;
  }

  JobSpec spec() {
    return spec;
  }

  long createMs() {
    return createMs;
  }

  JobStatus status() {
    return status;
  }

  int size() {
    return tasks.size();
  }

  int count(TaskStatus s) {
    return tasks.count(s);
  }

  boolean isSettled() {
    return status.isOver();
  }

  // ---------------------------------------------------------------- creation

  private void populateInitialTasks(long nowMs) {
    TaskStatus[] mixStatuses = spec.initialMix.keySet().toArray(new TaskStatus[0]);
    double[] cumulative = new double[mixStatuses.length];
    double sum = 0;
    for (int k = 0; k < mixStatuses.length; k++) {
      sum += spec.initialMix.get(mixStatuses[k]);
      cumulative[k] = sum;
    }
    int created = sec(createMs);
    long span = Math.max(0, nowMs - createMs);
    for (int n = 0; n < spec.taskCount; n++) {
      TaskStatus initial = TaskStatus.QUEUED;
      if (mixStatuses.length > 0) {
        double u = random.nextDouble();
        for (int k = 0; k < mixStatuses.length; k++) {
          if (u < cumulative[k]) {
            initial = mixStatuses[k];
            break;
          }
        }
      }
      long modifiedAt = initial == TaskStatus.QUEUED ? createMs : createMs + (long) (random.nextDouble() * span);
      int i = tasks.add(initial, created, sec(modifiedAt), initialProgress(initial));
      if (initial == TaskStatus.SUCCEEDED || initial == TaskStatus.FAILED || initial == TaskStatus.CANCELED) {
        modifiedMs = Math.max(modifiedMs, modifiedAt);
      }
      tasks.setDesc(i, initialDesc(initial));
      if (initial == TaskStatus.FAILED && spec.hasRetryPolicy()) {
        // Half of the failures have used up their retries; the others wait for their next attempt. A failure
        // whose next attempt would already be overdue had it in the past: its retries are used up, as the
        // vendor retries one RetryInterval after a failure, never hours later.
        boolean overdue = modifiedAt + retryDelayMs() <= nowMs;
        tasks.setRetriesUsed(i, overdue || random.nextBoolean() ? spec.retryCount : random.nextInt(spec.retryCount));
      }
      if (!view.isFinal(tasks, i)) {
        unsettled++;
      }
      if (initial == TaskStatus.FAILED && !view.isFinal(tasks, i)) {
        long retryAt = Math.max(nowMs + 1, modifiedAt + retryDelayMs());
        tasks.setNextDue(i, retryAt);
        queue.push(retryAt, i);
      } else {
        scheduleNext(i, nowMs);
      }
    }
  }

  private int initialProgress(TaskStatus initial) {
    switch (initial) {
      case SUCCEEDED:
        return 100;
      case IN_PROGRESS:
      case PAUSED_BY_VENDOR:
        return random.nextInt(96);
      case FAILED:
        return random.nextInt(91);
      default:
        return 0;
    }
  }

  private int initialDesc(TaskStatus initial) {
    switch (initial) {
      case FAILED:
        return failureDesc();
      case CANCELED:
        return TaskView.DESC_CANCELED_BY_USER;
      case CONFIRM:
        return TaskView.DESC_WAITING_CONFIRM;
      case PAUSED_BY_VENDOR:
        return TaskView.DESC_PAUSED;
      default:
        return TaskView.DESC_NONE;
    }
  }

  private long lastModifiedMs(long nowMs) {
    return spec.taskCount == 0 ? nowMs : Math.min(nowMs, modifiedMsOfLatestTask());
  }

  private long modifiedMsOfLatestTask() {
    int latest = Integer.MIN_VALUE;
    for (int i = 0; i < tasks.size(); i++) {
      latest = Math.max(latest, tasks.modifiedSec(i));
    }
    return (baseSec + latest) * 1000L;
  }

  // ---------------------------------------------------------------- evolution

  /** Applies, in time order, everything that falls due up to and including {@code nowMs}. */
  void advanceTo(long nowMs) {
    if (nowMs <= advancedTo) {
      return;
    }
    while (true) {
      long start = status == JobStatus.PLANNED ? scheduleMs : NO_EVENT;
      boolean running = status == JobStatus.IN_PROGRESS;
      long finish = running && scheduleFinishMs >= 0 ? scheduleFinishMs : NO_EVENT;
      long growth = running && growing ? nextGrowthMs : NO_EVENT;
      long task = running ? queue.peekDue() : NO_EVENT;
      long next = Math.min(Math.min(start, finish), Math.min(growth, task));
      if (next > nowMs) {
        break;
      }
      if (next == start) {
        start(next);
      } else if (next == finish) {
        endSchedule(next);
      } else if (next == growth) {
        grow(next);
      } else {
        int i = queue.peekTask();
        queue.pop();
        if (tasks.nextDue(i) == next) {
          tasks.setNextDue(i, NO_EVENT);
          step(i, next);
        }
      }
    }
    advancedTo = nowMs;
  }

  private void start(long t) {
    status = JobStatus.IN_PROGRESS;
    startMs = t;
    modifiedMs = t;
    int at = sec(t);
    for (int n = 0; n < spec.taskCount; n++) {
      int i = tasks.add(TaskStatus.QUEUED, at, at, 0);
      unsettled++;
      scheduleNext(i, t);
    }
    reportJobStatus();
    checkCompletion(t);
  }

  private void endSchedule(long t) {
    int at = sec(t);
    forEachUnsettled(i -> change(i, TaskStatus.CANCELED, tasks.progress(i), TaskView.DESC_SCHEDULE_FINISHED, at, t));
    complete(t);
  }

  private void grow(long t) {
    if (tasks.size() >= spec.maxTasks) {
      growing = false;
      return;
    }
    int at = sec(t);
    int i = tasks.add(TaskStatus.QUEUED, at, at, 0);
    unsettled++;
    scheduleNext(i, t);
    grown++;
    nextGrowthMs = nextGrowthTime();
  }

  private long nextGrowthTime() {
    return growthOriginMs + (long) Math.ceil((grown + 1) * 1000.0 / spec.growthPerSecond);
  }

  /** One lifecycle step of task {@code i} at time {@code t}. */
  private void step(int i, long t) {
    int at = sec(t);
    int progress = tasks.progress(i);
    switch (tasks.status(i)) {
      case QUEUED:
        if (roll(spec.cancelProbability)) {
          change(i, TaskStatus.CANCELED, 0, TaskView.DESC_CANCELED_BY_USER, at, t);
        } else {
          change(i, TaskStatus.NOTIFIED, 0, TaskView.DESC_NONE, at, t);
        }
        break;
      case NOTIFIED:
        if (roll(spec.cancelProbability)) {
          change(i, TaskStatus.CANCELED, 0, TaskView.DESC_CANCELED_BY_USER, at, t);
        } else if (roll(spec.confirmProbability)) {
          change(i, TaskStatus.CONFIRM, 0, TaskView.DESC_WAITING_CONFIRM, at, t);
        } else {
          change(i, TaskStatus.IN_PROGRESS, 0, TaskView.DESC_NONE, at, t);
        }
        break;
      case CONFIRM:
        change(i, TaskStatus.IN_PROGRESS, 0, TaskView.DESC_NONE, at, t);
        break;
      case PAUSED_BY_VENDOR:
        change(i, TaskStatus.IN_PROGRESS, progress, TaskView.DESC_NONE, at, t);
        break;
      case IN_PROGRESS:
        if (roll(spec.pauseProbability)) {
          change(i, TaskStatus.PAUSED_BY_VENDOR, progress, TaskView.DESC_PAUSED, at, t);
          break;
        }
        int advanced = progress + 5 + random.nextInt(31);
        if (advanced < 100) {
          change(i, TaskStatus.IN_PROGRESS, advanced, TaskView.DESC_NONE, at, t);
        } else if (roll(spec.failureProbability)) {
          change(i, TaskStatus.FAILED, progress, failureDesc(), at, t);
        } else {
          change(i, TaskStatus.SUCCEEDED, 100, TaskView.DESC_NONE, at, t);
        }
        break;
      case FAILED:
        int retries = tasks.retriesUsed(i);
        change(i, TaskStatus.QUEUED, 0, TaskView.DESC_NONE, at, t);
        tasks.setRetriesUsed(i, retries + 1);
        break;
      default:
        return;
    }
    scheduleNext(i, t);
    checkCompletion(t);
  }

  private void scheduleNext(int i, long t) {
    long due;
    if (view.isFinal(tasks, i)) {
      due = NO_EVENT;
    } else if (tasks.status(i) == TaskStatus.FAILED) {
      due = t + retryDelayMs();
    } else if (spec.changeRate <= 0) {
      due = NO_EVENT;
    } else {
      due = t + stepDelayMs(t);
    }
    tasks.setNextDue(i, due);
    if (due != NO_EVENT) {
      queue.push(due, i);
    }
  }

  private long retryDelayMs() {
    return Math.max(1, spec.retryIntervalMinutes * RETRY_MINUTE_MS);
  }

  private long stepDelayMs(long t) {
    int msInSecond = (int) Math.floorMod(t, 1000L);
    if (msInSecond < 999 && roll(spec.sameSecondProbability)) {
      // lands within the same wall-clock second: the API shows both changes with one UtcModified
      return 1 + random.nextInt(999 - msInSecond);
    }
    double seconds = -Math.log(1 - random.nextDouble()) / spec.changeRate;
    return Math.max(1, (long) Math.min(seconds * 1000, 365 * 86_400_000.0));
  }

  private boolean roll(double probability) {
    return probability > 0 && random.nextDouble() < probability;
  }

  private int failureDesc() {
    if (spec.timeoutInMinutes != null && roll(0.3)) {
      return TaskView.DESC_TIMEOUT;
    }
    return random.nextInt(4) == 0 ? TaskView.DESC_DOWNLOAD_FAILED : TaskView.DESC_VERSION_MISMATCH;
  }

  private void change(int i, TaskStatus next, int progress, int desc, int modifiedSec, long atMs) {
    boolean wasFinal = view.isFinal(tasks, i);
    tasks.setStatus(i, next);
    tasks.setProgress(i, progress);
    tasks.setDesc(i, desc);
    tasks.setModifiedSec(i, modifiedSec);
    boolean isFinal = view.isFinal(tasks, i);
    if (wasFinal && !isFinal) {
      unsettled++;
    } else if (!wasFinal && isFinal) {
      unsettled--;
    }
    if (next == TaskStatus.SUCCEEDED || next == TaskStatus.FAILED || next == TaskStatus.CANCELED) {
      modifiedMs = Math.max(modifiedMs, atMs);
    }
    if (reporting()) {
      listeners.taskChanged(view.state(tasks, i, status.isOver()));
    }
  }

  private void checkCompletion(long t) {
    if (status == JobStatus.IN_PROGRESS && !spec.dynamic && unsettled == 0) {
      complete(t);
    }
  }

  private void complete(long t) {
    status = JobStatus.COMPLETE;
    endMs = t;
    modifiedMs = Math.max(modifiedMs, t);
    growing = false;
    queue.clear();
    reportJobStatus();
  }

  private void forEachUnsettled(IntConsumer action) {
    for (TaskStatus s : TaskStatus.values()) {
      if (s.isEndState()) {
        continue;
      }
      int i = tasks.nextIn(s, 0);
      while (i >= 0) {
        int next = tasks.nextIn(s, i + 1);
        if (!view.isFinal(tasks, i)) {
          action.accept(i);
        }
        i = next;
      }
    }
  }

  // ---------------------------------------------------------------- interventions

  void cancel(long t) {
    if (status.isOver()) {
      return;
    }
    int at = sec(t);
    forEachUnsettled(i -> {
      change(i, TaskStatus.CANCELED, tasks.progress(i), TaskView.DESC_JOB_CANCELED, at, t);
      tasks.setNextDue(i, NO_EVENT);
    });
    status = JobStatus.CANCELED;
    endMs = t;
    modifiedMs = Math.max(modifiedMs, t);
    growing = false;
    queue.clear();
    reportJobStatus();
  }

  /** Drives every unfinished task to a final state now (SUCCEEDED, or FAILED with retries used up). */
  void finishAll(long t) {
    if (status == JobStatus.PLANNED) {
      start(t);
    }
    if (status.isOver()) {
      return;
    }
    int at = sec(t);
    forEachUnsettled(i -> {
      tasks.setNextDue(i, NO_EVENT);
      if (roll(spec.failureProbability)) {
        tasks.setRetriesUsed(i, spec.retryCount);
        change(i, TaskStatus.FAILED, tasks.progress(i), failureDesc(), at, t);
      } else {
        change(i, TaskStatus.SUCCEEDED, 100, TaskView.DESC_NONE, at, t);
      }
    });
    checkCompletion(t);
  }

  void stopGrowth() {
    growing = false;
  }

  /** A change that becomes visible now but claims to have happened {@code backdateMs} earlier. */
  TaskState lateChange(int i, TaskStatus next, long t, long backdateMs) {
    if (i < 0 || i >= tasks.size()) {
      throw new IllegalArgumentException("job " + jobId + " has no task index " + i + " (size " + tasks.size() + ")");
    }
    int progress;
    int desc;
    switch (next) {
      case SUCCEEDED:
        progress = 100;
        desc = TaskView.DESC_NONE;
        break;
      case QUEUED:
      case NOTIFIED:
        progress = 0;
        desc = TaskView.DESC_NONE;
        break;
      case FAILED:
        progress = tasks.progress(i);
        desc = TaskView.DESC_VERSION_MISMATCH;
        break;
      case CANCELED:
        progress = tasks.progress(i);
        desc = TaskView.DESC_CANCELED_BY_USER;
        break;
      default:
        progress = tasks.progress(i);
        desc = tasks.desc(i);
    }
    change(i, next, progress, desc, sec(t - backdateMs), t);
    if (status == JobStatus.IN_PROGRESS) {
      scheduleNext(i, t);
      checkCompletion(t);
    } else {
      tasks.setNextDue(i, NO_EVENT);
    }
    return view.state(tasks, i, status.isOver());
  }

  int taskIndexOf(String taskId) {
    int index = view.ids().taskIndex(taskId);
    return index < tasks.size() ? index : -1;
  }

  // ---------------------------------------------------------------- reading

  SimJobState state() {
    boolean gray = "GRAY".equals(spec.targetSelection);
    return new SimJobState(jobId, status.name(), spec.type.name(), spec.dynamic ? "DYNAMIC" : "STATIC",
        spec.targetSelection, spec.productKey, spec.productName, firmwareId, firmwareName, spec.destVersion,
        spec.srcVersions, spec.jobDesc, spec.dynamic ? spec.dynamicMode : null,
        gray ? spec.grayPercent : null, spec.maximumPerMinute, spec.overwriteMode,
        spec.hasRetryPolicy() ? spec.retryCount : null, spec.hasRetryPolicy() ? spec.retryIntervalMinutes : null,
        spec.timeoutInMinutes, seconds(createMs), seconds(modifiedMs), seconds(startMs), seconds(endMs),
        seconds(scheduleMs), seconds(scheduleFinishMs), tasks.size(), status.isOver());
  }

  private static Instant seconds(long ms) {
    return ms < 0 ? null : Instant.ofEpochSecond(Math.floorDiv(ms, 1000L));
  }

  JobTruth truth() {
    return new JobTruth(state(), tasks.snapshot(), view, status.isOver());
  }

  TaskState task(int i) {
    return view.state(tasks, i, status.isOver());
  }

  /**
   * A page of the listing. Unfiltered: by status group in {@link TaskStatus} order, then by index, so a
   * status change moves a row to another position (often another page). With a status: that status's
   * tasks by index. With device names: those devices' tasks in the same order. A status the simulator
   * does not know matches nothing.
   */
  TaskListing list(int page, int pageSize, String statusFilter, List<String> deviceNames) {
    TaskStatus filter = null;
    if (statusFilter != null) {
      filter = TaskStatus.fromWire(statusFilter).orElse(null);
      if (filter == null) {
        return new TaskListing(0, List.of());
      }
    }
    long skip = (long) (page - 1) * pageSize;
    if (!deviceNames.isEmpty()) {
      return listDevices(skip, pageSize, filter, deviceNames);
    }
    boolean over = status.isOver();
    List<TaskState> rows = new ArrayList<>(pageSize);
    if (filter != null) {
      int total = tasks.count(filter);
      if (skip < total) {
        for (int i = tasks.select(filter, (int) skip); i >= 0 && rows.size() < pageSize;
            i = tasks.nextIn(filter, i + 1)) {
          rows.add(view.state(tasks, i, over));
        }
      }
      return new TaskListing(total, rows);
    }
    int total = tasks.size();
    long remaining = skip;
    for (TaskStatus group : TaskStatus.values()) {
      if (rows.size() >= pageSize || skip >= total) {
        break;
      }
      int inGroup = tasks.count(group);
      if (remaining >= inGroup) {
        remaining -= inGroup;
        continue;
      }
      for (int i = tasks.select(group, (int) remaining); i >= 0 && rows.size() < pageSize;
          i = tasks.nextIn(group, i + 1)) {
        rows.add(view.state(tasks, i, over));
      }
      remaining = 0;
    }
    return new TaskListing(total, rows);
  }

  private TaskListing listDevices(long skip, int pageSize, TaskStatus filter, List<String> deviceNames) {
    List<Integer> matches = new ArrayList<>();
    for (String name : deviceNames) {
      int i = view.ids().deviceIndex(name);
      if (i >= 0 && i < tasks.size() && (filter == null || tasks.status(i) == filter) && !matches.contains(i)) {
        matches.add(i);
      }
    }
    matches.sort((a, b) -> {
      int byGroup = Integer.compare(tasks.status(a).ordinal(), tasks.status(b).ordinal());
      return byGroup != 0 ? byGroup : Integer.compare(a, b);
    });
    List<TaskState> rows = new ArrayList<>();
    for (long k = skip; k < matches.size() && rows.size() < pageSize; k++) {
      rows.add(view.state(tasks, matches.get((int) k), status.isOver()));
    }
    return new TaskListing(matches.size(), rows);
  }

  long footprintBytes() {
    return tasks.footprintBytes() + queue.footprintBytes();
  }

  private int sec(long ms) {
    return (int) (Math.floorDiv(ms, 1000L) - baseSec);
  }
}
