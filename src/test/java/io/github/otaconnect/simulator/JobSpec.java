package io.github.otaconnect.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a simulated job looks like and how it behaves. Immutable; build with {@link #upgrade()},
 * {@link #verify()} or {@link #builder()}. Every knob has a default that makes a small, lively static job.
 *
 * <p>Task lifecycle: QUEUED -> NOTIFIED -> (CONFIRM ->) IN_PROGRESS (progress steps, possibly
 * PAUSED_BY_VENDOR and back) -> SUCCEEDED or FAILED; QUEUED and NOTIFIED tasks may be CANCELED; a FAILED
 * task goes back to QUEUED after RetryInterval while the job's RetryCount is not used up.
 * {@link Builder#changeRate(double)} is the rate (per second) at which each not-yet-final task makes its
 * next step: exponentially distributed delays with mean 1/rate seconds.
 */
public final class JobSpec {

  final String jobId;
  final JobType type;
  final String productKey;
  final String productName;
  final String firmwareId;
  final String firmwareName;
  final List<String> srcVersions;
  final String destVersion;
  final String jobDesc;
  final boolean dynamic;
  final double growthPerSecond;
  final int dynamicMode;
  final int maxTasks;
  final String targetSelection;
  final Double grayPercent;
  final Integer maximumPerMinute;
  final Integer overwriteMode;
  final Integer timeoutInMinutes;
  final int retryCount;
  final int retryIntervalMinutes;
  final int taskCount;
  final Map<TaskStatus, Double> initialMix;
  final Duration history;
  final double changeRate;
  final double failureProbability;
  final double cancelProbability;
  final double confirmProbability;
  final double pauseProbability;
  final double sameSecondProbability;
  final Duration scheduleIn;
  final Duration scheduleLength;
  final boolean canceled;
  final Long seed;
  final String deviceNamePrefix;

  private JobSpec(Builder b) {
    this.jobId = b.jobId;
    this.type = b.type;
    this.productKey = b.productKey;
    this.productName = b.productName;
    this.firmwareId = b.firmwareId;
    this.firmwareName = b.firmwareName;
    this.srcVersions = List.copyOf(b.srcVersions);
    this.destVersion = b.destVersion;
    this.jobDesc = b.jobDesc;
    this.dynamic = b.dynamic;
    this.growthPerSecond = b.growthPerSecond;
    this.dynamicMode = b.dynamicMode;
    this.maxTasks = b.maxTasks;
    this.targetSelection = b.targetSelection != null ? b.targetSelection : (b.dynamic ? "ALL" : "SPECIFIC");
    this.grayPercent = b.grayPercent;
    this.maximumPerMinute = b.maximumPerMinute;
    this.overwriteMode = b.overwriteMode;
    this.timeoutInMinutes = b.timeoutInMinutes;
    this.retryCount = b.retryCount;
    this.retryIntervalMinutes = b.retryIntervalMinutes;
    this.taskCount = b.taskCount;
    this.initialMix = Collections.unmodifiableMap(new EnumMap<>(b.initialMix));
    this.history = b.history;
    this.changeRate = b.changeRate;
    this.failureProbability = b.failureProbability;
    this.cancelProbability = b.cancelProbability;
    this.confirmProbability = b.confirmProbability;
    this.pauseProbability = b.pauseProbability;
    this.sameSecondProbability = b.sameSecondProbability;
    this.scheduleIn = b.scheduleIn;
    this.scheduleLength = b.scheduleLength;
    this.canceled = b.canceled;
    this.seed = b.seed;
    this.deviceNamePrefix = b.deviceNamePrefix;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static Builder upgrade() {
    return new Builder().type(JobType.UPGRADE_FIRMWARE);
  }

  /** A firmware verification job: few devices, no retry policy by default. */
  public static Builder verify() {
    return new Builder().type(JobType.VERFIY_FIRMWARE).taskCount(5).targetSelection("SPECIFIC");
  }

  public String jobId() {
    return jobId;
  }

  public int taskCount() {
    return taskCount;
  }

  public boolean isDynamic() {
    return dynamic;
  }

  boolean hasRetryPolicy() {
    return retryCount > 0;
  }

  /** A copy with other values; lets a test derive variants of one spec. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.jobId = jobId;
    b.type = type;
    b.productKey = productKey;
    b.productName = productName;
    b.firmwareId = firmwareId;
    b.firmwareName = firmwareName;
    b.srcVersions = srcVersions;
    b.destVersion = destVersion;
    b.jobDesc = jobDesc;
    b.dynamic = dynamic;
    b.growthPerSecond = growthPerSecond;
    b.dynamicMode = dynamicMode;
    b.maxTasks = maxTasks;
    b.targetSelection = targetSelection;
    b.grayPercent = grayPercent;
    b.maximumPerMinute = maximumPerMinute;
    b.overwriteMode = overwriteMode;
    b.timeoutInMinutes = timeoutInMinutes;
    b.retryCount = retryCount;
    b.retryIntervalMinutes = retryIntervalMinutes;
    b.taskCount = taskCount;
    b.initialMix.putAll(initialMix);
    b.history = history;
    b.changeRate = changeRate;
    b.failureProbability = failureProbability;
    b.cancelProbability = cancelProbability;
    b.confirmProbability = confirmProbability;
    b.pauseProbability = pauseProbability;
    b.sameSecondProbability = sameSecondProbability;
    b.scheduleIn = scheduleIn;
    b.scheduleLength = scheduleLength;
    b.canceled = canceled;
    b.seed = seed;
    b.deviceNamePrefix = deviceNamePrefix;
    return b;
  }

  public static final class Builder {
    private String jobId;
    private JobType type = JobType.UPGRADE_FIRMWARE;
    private String productKey = "a1SimProd01";
    private String productName = "SimMeter";
    private String firmwareId;
    private String firmwareName;
    private List<String> srcVersions = List.of("1.0.0");
    private String destVersion = "1.0.1";
    private String jobDesc;
    private boolean dynamic;
    private double growthPerSecond;
    private int dynamicMode = 1;
    private int maxTasks = 10_000_000;
    private String targetSelection;
    private Double grayPercent;
    private Integer maximumPerMinute = 1000;
    private Integer overwriteMode = 1;
    private Integer timeoutInMinutes;
    private int retryCount;
    private int retryIntervalMinutes;
    private int taskCount = 20;
    private final Map<TaskStatus, Double> initialMix = new EnumMap<>(TaskStatus.class);
    private Duration history = Duration.ZERO;
    private double changeRate = 0.05;
    private double failureProbability = 0.1;
    private double cancelProbability = 0.02;
    private double confirmProbability = 0.0;
    private double pauseProbability = 0.0;
    private double sameSecondProbability = 0.1;
    private Duration scheduleIn;
    private Duration scheduleLength;
    private boolean canceled;
    private Long seed;
    private String deviceNamePrefix = "device";

    private Builder() {
    }

    /** Default: generated from the scenario's seed. */
    public Builder jobId(String jobId) {
      this.jobId = requireText(jobId, "jobId");
      return this;
    }

    public Builder type(JobType type) {
      this.type = Objects.requireNonNull(type);
      return this;
    }

    public Builder productKey(String productKey) {
      this.productKey = requireText(productKey, "productKey");
      return this;
    }

    public Builder productName(String productName) {
      this.productName = requireText(productName, "productName");
      return this;
    }

    /** Default: generated from the scenario's seed. Jobs sharing a firmwareId share one firmware entry. */
    public Builder firmwareId(String firmwareId) {
      this.firmwareId = requireText(firmwareId, "firmwareId");
      return this;
    }

    public Builder firmwareName(String firmwareName) {
      this.firmwareName = requireText(firmwareName, "firmwareName");
      return this;
    }

    /** May be empty: then QueryOTAJob leaves SrcVersions out, as the API does for an empty list. */
    public Builder srcVersions(String... versions) {
      this.srcVersions = List.of(versions);
      return this;
    }

    public Builder destVersion(String destVersion) {
      this.destVersion = requireText(destVersion, "destVersion");
      return this;
    }

    public Builder jobDesc(String jobDesc) {
      this.jobDesc = jobDesc;
      return this;
    }

    /** A dynamic job: adds this many tasks per second (devices coming online) and never completes. */
    public Builder dynamic(double growthPerSecond) {
      if (growthPerSecond < 0) {
        throw new IllegalArgumentException("growthPerSecond must be >= 0");
      }
      this.dynamic = true;
      this.growthPerSecond = growthPerSecond;
      return this;
    }

    public Builder dynamicMode(int dynamicMode) {
      this.dynamicMode = dynamicMode;
      return this;
    }

    /** Upper bound for a dynamic job's growth. */
    public Builder maxTasks(int maxTasks) {
      this.maxTasks = maxTasks;
      return this;
    }

    /** ALL, SPECIFIC or GRAY; default SPECIFIC for static jobs, ALL for dynamic ones. */
    public Builder targetSelection(String targetSelection) {
      this.targetSelection = requireText(targetSelection, "targetSelection");
      return this;
    }

    /** A phased job: TargetSelection GRAY and GrayPercent (sent as a string like "50.00"). */
    public Builder gray(double percent) {
      this.targetSelection = "GRAY";
      this.grayPercent = percent;
      return this;
    }

    /** Null leaves the field out of QueryOTAJob. */
    public Builder maximumPerMinute(Integer maximumPerMinute) {
      this.maximumPerMinute = maximumPerMinute;
      return this;
    }

    public Builder overwriteMode(Integer overwriteMode) {
      this.overwriteMode = overwriteMode;
      return this;
    }

    /** Also makes tasks carry the SDK-only {@code Timeout} field. */
    public Builder timeoutInMinutes(Integer timeoutInMinutes) {
      this.timeoutInMinutes = timeoutInMinutes;
      return this;
    }

    /** A retry policy: a FAILED task is re-queued after {@code intervalMinutes}, at most {@code count} times. */
    public Builder retry(int count, int intervalMinutes) {
      if (count < 0 || count > 100 || intervalMinutes < 0) {
        throw new IllegalArgumentException("retry count must be 0..100 and the interval >= 0");
      }
      this.retryCount = count;
      this.retryIntervalMinutes = intervalMinutes;
      return this;
    }

    public Builder noRetry() {
      return retry(0, 0);
    }

    /** Tasks at creation (for a dynamic job: before it starts growing). */
    public Builder taskCount(int taskCount) {
      if (taskCount < 0) {
        throw new IllegalArgumentException("taskCount must be >= 0");
      }
      this.taskCount = taskCount;
      return this;
    }

    /**
     * The fraction of the initial tasks that start in {@code status}; whatever the mix leaves over starts
     * QUEUED. Non-QUEUED initial tasks get UtcModified spread over {@link #history(Duration)}.
     */
    public Builder initially(TaskStatus status, double fraction) {
      if (fraction < 0 || fraction > 1) {
        throw new IllegalArgumentException("fraction must be within 0..1");
      }
      initialMix.put(status, fraction);
      double sum = initialMix.values().stream().mapToDouble(Double::doubleValue).sum();
      if (sum > 1.0 + 1e-9) {
        throw new IllegalArgumentException("the initial mix adds up to more than 1: " + initialMix);
      }
      return this;
    }

    /**
     * A job that has been running a while: {@code terminalFraction} of the tasks are already SUCCEEDED
     * (85%), FAILED (10%) or CANCELED (5%), the rest spread over QUEUED, NOTIFIED and IN_PROGRESS.
     * Replaces an earlier mix.
     */
    public Builder alreadyTerminal(double terminalFraction) {
      if (terminalFraction < 0 || terminalFraction > 1) {
        throw new IllegalArgumentException("terminalFraction must be within 0..1");
      }
      initialMix.clear();
      initialMix.put(TaskStatus.SUCCEEDED, terminalFraction * 0.85);
      initialMix.put(TaskStatus.FAILED, terminalFraction * 0.10);
      initialMix.put(TaskStatus.CANCELED, terminalFraction * 0.05);
      double active = 1 - terminalFraction;
      initialMix.put(TaskStatus.NOTIFIED, active / 3);
      initialMix.put(TaskStatus.IN_PROGRESS, active / 3);
      return this;
    }

    /** How long before its creation in the scenario the job started (back-dates UtcCreate and history). */
    public Builder history(Duration history) {
      if (history.isNegative()) {
        throw new IllegalArgumentException("history must not be negative");
      }
      this.history = history;
      return this;
    }

    /** Steps per second per not-yet-final task; 0 freezes the tasks (only lateChange/finishAll move them). */
    public Builder changeRate(double perSecond) {
      if (perSecond < 0) {
        throw new IllegalArgumentException("changeRate must be >= 0");
      }
      this.changeRate = perSecond;
      return this;
    }

    /** Probability that an update attempt ends FAILED instead of SUCCEEDED. */
    public Builder failureProbability(double p) {
      this.failureProbability = probability(p);
      return this;
    }

    /** Probability per QUEUED/NOTIFIED step that the task is canceled instead. */
    public Builder cancelProbability(double p) {
      this.cancelProbability = probability(p);
      return this;
    }

    /** Probability that a NOTIFIED task waits in CONFIRM before IN_PROGRESS. */
    public Builder confirmProbability(double p) {
      this.confirmProbability = probability(p);
      return this;
    }

    /** Probability per IN_PROGRESS step of a detour through the unknown status PAUSED_BY_VENDOR. */
    public Builder pauseProbability(double p) {
      this.pauseProbability = probability(p);
      return this;
    }

    /** Probability that a task's next step follows within the same second (same UtcModified). */
    public Builder sameSecondProbability(double p) {
      this.sameSecondProbability = probability(p);
      return this;
    }

    /** A PLANNED job that starts (and creates its tasks) this long after its creation. Static jobs only. */
    public Builder scheduleIn(Duration startsIn) {
      if (startsIn.isNegative() || startsIn.isZero()) {
        throw new IllegalArgumentException("scheduleIn must be positive");
      }
      this.scheduleIn = startsIn;
      return this;
    }

    /** UtcScheduleFinishTime = start + length: unfinished tasks are canceled then and the job completes. */
    public Builder scheduleLength(Duration length) {
      if (length.isNegative() || length.isZero()) {
        throw new IllegalArgumentException("scheduleLength must be positive");
      }
      this.scheduleLength = length;
      return this;
    }

    /** The job was canceled right after creation: its unfinished tasks are CANCELED. */
    public Builder canceled() {
      this.canceled = true;
      return this;
    }

    /** Default: derived from the scenario's seed and the job's position. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder deviceNamePrefix(String prefix) {
      this.deviceNamePrefix = requireText(prefix, "deviceNamePrefix");
      return this;
    }

    public JobSpec build() {
      if (dynamic && scheduleIn != null) {
        throw new IllegalArgumentException("the API plans (PLANNED) static jobs only");
      }
      if (scheduleLength != null && scheduleIn == null) {
        throw new IllegalArgumentException("scheduleLength needs scheduleIn");
      }
      return new JobSpec(this);
    }

    private static double probability(double p) {
      if (p < 0 || p > 1) {
        throw new IllegalArgumentException("probability must be within 0..1, was " + p);
      }
      return p;
    }

    private static String requireText(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
