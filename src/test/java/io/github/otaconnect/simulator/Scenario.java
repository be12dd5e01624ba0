package io.github.otaconnect.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The vendor's state: jobs, their tasks and firmware, evolving with the {@link SimClock}. Thread-safe (one
 * lock): tests drive and inspect it while the HTTP server reads it from other threads. Every public
 * method first applies all transitions due up to the clock's now, so what a test sees through
 * {@link #truth(String)} is exactly what an API call at the same instant would see.
 */
public final class Scenario {

  private final SimClock clock;
  private final long seed;
  private final SplittableRandom idRandom;
  private final long baseSec;
  private final Map<String, SimJob> jobs = new LinkedHashMap<>();
  private final ListenerChain listeners = new ListenerChain();

  public Scenario(SimClock clock, long seed) {
    this.clock = clock;
    this.seed = seed;
    this.idRandom = new SplittableRandom(seed);
    this.baseSec = clock.millis() / 1000L;
  }

  public SimClock clock() {
    return clock;
  }

  public long seed() {
    return seed;
  }

  /** Creates a job now (also while the server runs) and returns its JobId. */
  public synchronized String addJob(JobSpec spec) {
    catchUp();
    String jobId = spec.jobId != null ? spec.jobId : Base62.random(idRandom, 22) + "0200";
    if (jobs.containsKey(jobId)) {
      throw new IllegalArgumentException("job " + jobId + " exists already");
    }
    String firmwareId = spec.firmwareId != null ? spec.firmwareId : firmwareIdFor(spec);
    long jobSeed = spec.seed != null ? spec.seed : Base62.mix(seed * 31 + jobs.size() + 1);
    SimJob job = new SimJob(spec, jobId, firmwareId, jobSeed, clock.millis(), baseSec);
    job.reportTo(listeners);
    jobs.put(jobId, job);
    return jobId;
  }

  /** Jobs of the same product and destination version share a generated firmware id. */
  private String firmwareIdFor(JobSpec spec) {
    for (SimJob job : jobs.values()) {
      JobSpec other = job.spec();
      if (other.firmwareId == null && other.productKey.equals(spec.productKey)
          && other.destVersion.equals(spec.destVersion)) {
        return job.firmwareId();
      }
    }
    return Base62.random(idRandom, 22) + "0100";
  }

  /** Reports every later change to {@code listener} (see {@link ScenarioListener} for when). */
  public synchronized void addListener(ScenarioListener listener) {
    catchUp();
    listeners.add(listener);
  }

  public synchronized void removeListener(ScenarioListener listener) {
    listeners.remove(listener);
  }

  /**
   * Applies every transition due up to the clock's now. Reading the scenario does this too; a push
   * publisher calls it on a timer so that changes are reported close to when they fall due.
   */
  public synchronized void advance() {
    catchUp();
  }

  public synchronized List<String> jobIds() {
    catchUp();
    return List.copyOf(jobs.keySet());
  }

  public synchronized JobTruth truth(String jobId) {
    catchUp();
    return require(jobId).truth();
  }

  public synchronized SimJobState job(String jobId) {
    catchUp();
    return require(jobId).state();
  }

  public synchronized TaskState task(String jobId, int index) {
    catchUp();
    SimJob job = require(jobId);
    if (index < 0 || index >= job.size()) {
      throw new IllegalArgumentException("job " + jobId + " has no task index " + index);
    }
    return job.task(index);
  }

  /** Every static job is over (COMPLETE or CANCELED): nothing can change any more. Dynamic jobs are ignored. */
  public synchronized boolean isSettled() {
    catchUp();
    for (SimJob job : jobs.values()) {
      if (!job.spec().dynamic && !job.isSettled()) {
        return false;
      }
    }
    return true;
  }

  public synchronized boolean isSettled(String jobId) {
    catchUp();
    return require(jobId).isSettled();
  }

  /**
   * Drives every unfinished task of every job to a final state at the current instant (PLANNED jobs start
   * first); static jobs then complete. Dynamic jobs keep growing (see {@link #stopGrowth(String)}).
   */
  public synchronized void finishAll() {
    catchUp();
    for (SimJob job : jobs.values()) {
      job.finishAll(clock.millis());
    }
  }

  public synchronized void finishJob(String jobId) {
    catchUp();
    require(jobId).finishAll(clock.millis());
  }

  /** Cancels a job now: its unfinished tasks become CANCELED. */
  public synchronized void cancelJob(String jobId) {
    catchUp();
    require(jobId).cancel(clock.millis());
  }

  /** A dynamic job stops adding tasks (it still never completes on its own). */
  public synchronized void stopGrowth(String jobId) {
    catchUp();
    require(jobId).stopGrowth();
  }

  /**
   * A change that becomes visible now but carries UtcModified = now - backdate, like a device report the
   * vendor processed late. The task then continues its lifecycle from now.
   */
  public synchronized TaskState lateChange(String jobId, int taskIndex, TaskStatus newStatus, Duration backdate) {
    catchUp();
    return require(jobId).lateChange(taskIndex, newStatus, clock.millis(), backdate.toMillis());
  }

  public synchronized TaskState lateChange(String jobId, String taskId, TaskStatus newStatus, Duration backdate) {
    catchUp();
    SimJob job = require(jobId);
    int index = job.taskIndexOf(taskId);
    if (index < 0) {
      throw new IllegalArgumentException("job " + jobId + " has no task " + taskId);
    }
    return job.lateChange(index, newStatus, clock.millis(), backdate.toMillis());
  }

  /** As {@link #lateChange(String, int, TaskStatus, Duration)} with the status's wire name. */
  public TaskState lateChange(String jobId, int taskIndex, String newStatus, Duration backdate) {
    return lateChange(jobId, taskIndex, TaskStatus.parse(newStatus), backdate);
  }

  public TaskState lateChange(String jobId, String taskId, String newStatus, Duration backdate) {
    return lateChange(jobId, taskId, TaskStatus.parse(newStatus), backdate);
  }

  /** An immediate change (UtcModified = now). */
  public synchronized TaskState changeTask(String jobId, int taskIndex, TaskStatus newStatus) {
    return lateChange(jobId, taskIndex, newStatus, Duration.ZERO);
  }

  /** Approximate heap held by the jobs' task columns, index sets and queues. */
  public synchronized long footprintBytes() {
    long total = 0;
    for (SimJob job : jobs.values()) {
      total += job.footprintBytes();
    }
    return total;
  }

  // ---------------------------------------------------------------- what the API layer reads

  synchronized Optional<SimJobState> queryJob(String jobId) {
    catchUp();
    SimJob job = jobs.get(jobId);
    return job == null ? Optional.empty() : Optional.of(job.state());
  }

  /** Empty when the job does not exist. */
  synchronized Optional<TaskListing> listTasks(String jobId, int page, int pageSize, String status,
      List<String> deviceNames) {
    catchUp();
    SimJob job = jobs.get(jobId);
    return job == null ? Optional.empty() : Optional.of(job.list(page, pageSize, status, deviceNames));
  }

  /** Firmware entries, newest first; {@code productKey} null for all. */
  public synchronized List<FirmwareState> firmware(String productKey) {
    catchUp();
    Map<String, List<SimJob>> byFirmware = new LinkedHashMap<>();
    for (SimJob job : jobs.values()) {
      byFirmware.computeIfAbsent(job.firmwareId(), k -> new ArrayList<>()).add(job);
    }
    List<FirmwareState> result = new ArrayList<>();
    for (List<SimJob> users : byFirmware.values()) {
      FirmwareState firmware = firmwareOf(users);
      if (productKey == null || productKey.equals(firmware.productKey())) {
        result.add(firmware);
      }
    }
    result.sort(Comparator.comparing(FirmwareState::utcCreate).reversed()
        .thenComparing(FirmwareState::firmwareId));
    return List.copyOf(result);
  }

  /** The jobs of one firmware, newest first; empty when the firmware does not exist. */
  public synchronized Optional<List<SimJobState>> jobsOfFirmware(String firmwareId) {
    catchUp();
    List<SimJobState> result = new ArrayList<>();
    for (SimJob job : jobs.values()) {
      if (job.firmwareId().equals(firmwareId)) {
        result.add(job.state());
      }
    }
    if (result.isEmpty()) {
      return Optional.empty();
    }
    result.sort(Comparator.comparing(SimJobState::utcCreate).reversed().thenComparing(SimJobState::jobId));
    return Optional.of(List.copyOf(result));
  }

  private FirmwareState firmwareOf(List<SimJob> users) {
    SimJob first = users.get(0);
    long earliestJob = users.stream().mapToLong(SimJob::createMs).min().orElseThrow();
    // uploaded an hour before its first job
    Instant created = Instant.ofEpochSecond(Math.floorDiv(earliestJob, 1000L) - 3600);
    Instant modified = created;
    int status = 0;
    boolean hasUpgrade = false;
    for (SimJob job : users) {
      if (job.spec().type == JobType.UPGRADE_FIRMWARE) {
        hasUpgrade = true;
        continue;
      }
      SimJobState verify = job.state();
      switch (job.status()) {
        case PLANNED:
        case IN_PROGRESS:
          status = Math.max(status, 2);
          break;
        case COMPLETE:
          boolean anySucceeded = job.count(TaskStatus.SUCCEEDED) > 0;
          status = anySucceeded ? 1 : Math.max(status, 3);
          modified = later(modified, verify.utcEndTime());
          break;
        default:
          break;
      }
    }
    if (hasUpgrade) {
      status = 1;
    }
    JobSpec spec = first.spec();
    String srcVersion = spec.srcVersions.isEmpty() ? null : spec.srcVersions.get(0);
    return new FirmwareState(first.firmwareId(), first.firmwareName(), spec.productKey, spec.productName,
        srcVersion, spec.destVersion, status, 0, created, modified);
  }

  private static Instant later(Instant a, Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }

  private SimJob require(String jobId) {
    SimJob job = jobs.get(jobId);
    if (job == null) {
      throw new IllegalArgumentException("no job " + jobId + " in this scenario; jobs: " + jobs.keySet());
    }
    return job;
  }

  private void catchUp() {
    long now = clock.millis();
    for (SimJob job : jobs.values()) {
      job.advanceTo(now);
    }
  }
}
