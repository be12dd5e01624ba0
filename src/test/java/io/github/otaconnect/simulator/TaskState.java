package io.github.otaconnect.simulator;

import java.time.Instant;
import java.util.Locale;

/**
 * One task as the simulator holds it at one moment (a row of ListOTATaskByJob plus what only the truth
 * knows: index, retries used, whether it can still change). {@code timeout} is null when the job has no
 * timeout.
 */
public record TaskState(
    int index, String taskId, String jobId, String iotId, String deviceName, String productKey,
    String productName, String firmwareId, String srcVersion, String destVersion, String taskStatus,
    int progress, String taskDesc, String timeout, Instant utcCreate, Instant utcModified,
    int retriesUsed, boolean settled) {

  /** Progress as the API sends it, e.g. "35.00". */
  public String progressText() {
    return String.format(Locale.ROOT, "%d.00", progress);
  }
}
