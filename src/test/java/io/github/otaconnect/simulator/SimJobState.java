package io.github.otaconnect.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A {@link SimJob} as the simulator holds it at one moment: what QueryOTAJob returns, plus what only the truth
 * knows ({@code taskCount}, {@code settled}). Nullable fields are the ones the API leaves out.
 * Times are whole seconds. UtcModified moves with the job's status changes and whenever one of its tasks
 * reaches SUCCEEDED, FAILED or CANCELED; UtcEndTime is set when the job completes or is canceled.
 */
public record SimJobState(
    String jobId, String jobStatus, String jobType, String selectionType, String targetSelection,
    String productKey, String productName, String firmwareId, String firmwareName, String destVersion,
    List<String> srcVersions, String jobDesc, Integer dynamicMode, Double grayPercent,
    Integer maximumPerMinute, Integer overwriteMode, Integer retryCount, Integer retryInterval,
    Integer timeoutInMinutes, Instant utcCreate, Instant utcModified, Instant utcStartTime,
    Instant utcEndTime, Instant utcScheduleTime, Instant utcScheduleFinishTime,
    int taskCount, boolean settled) {

  public boolean isDynamic() {
    return "DYNAMIC".equals(selectionType);
  }
}
