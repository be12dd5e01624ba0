package io.github.otaconnect.simulator;

import java.time.Instant;

/** Turns a row of a {@link TaskTable} into a {@link TaskState}; shared by the live job and its truth snapshots. */
final class TaskView {

  static final int DESC_NONE = 0;
  static final int DESC_VERSION_MISMATCH = 1;
  static final int DESC_TIMEOUT = 2;
  static final int DESC_DOWNLOAD_FAILED = 3;
  static final int DESC_CANCELED_BY_USER = 4;
  static final int DESC_JOB_CANCELED = 5;
  static final int DESC_SCHEDULE_FINISHED = 6;
  static final int DESC_WAITING_CONFIRM = 7;
  static final int DESC_PAUSED = 8;

  private static final String[] DESCRIPTIONS = {
      "",
      "report version is not conform",
      "upgrade timeout",
      "download firmware failed",
      "canceled by user",
      "the update batch was canceled",
      "the scheduled update window ended",
      "waiting for the user to confirm the update",
      "paused by the platform for maintenance",
  };

  private final String jobId;
  private final JobSpec spec;
  private final String firmwareId;
  private final TaskIdentities ids;
  private final long baseSec;
  private final String timeout;

  TaskView(String jobId, JobSpec spec, String firmwareId, TaskIdentities ids, long baseSec) {
    this.jobId = jobId;
    this.spec = spec;
    this.firmwareId = firmwareId;
    this.ids = ids;
    this.baseSec = baseSec;
    this.timeout = spec.timeoutInMinutes == null ? null : String.valueOf(spec.timeoutInMinutes);
  }

  TaskIdentities ids() {
    return ids;
  }

  /** True when the task can no longer change by itself: an end state, or FAILED with no retry left. */
  boolean isFinal(TaskTable tasks, int i) {
    TaskStatus status = tasks.status(i);
    return status.isEndState() || (status == TaskStatus.FAILED && tasks.retriesUsed(i) >= spec.retryCount);
  }

  Instant instant(int seconds) {
    return Instant.ofEpochSecond(baseSec + seconds);
  }

  TaskState state(TaskTable tasks, int i, boolean jobOver) {
    String srcVersion = spec.srcVersions.isEmpty() ? "1.0.0" : spec.srcVersions.get(i % spec.srcVersions.size());
    return new TaskState(i, ids.taskId(i), jobId, ids.iotId(i), ids.deviceName(i), spec.productKey,
        spec.productName, firmwareId, srcVersion, spec.destVersion, tasks.status(i).wireName(),
        tasks.progress(i), DESCRIPTIONS[tasks.desc(i)], timeout, instant(tasks.createdSec(i)),
        instant(tasks.modifiedSec(i)), tasks.retriesUsed(i), jobOver || isFinal(tasks, i));
  }
}
