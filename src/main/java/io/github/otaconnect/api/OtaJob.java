package io.github.otaconnect.api;

import java.time.Instant;
import java.util.List;

/**
 * One OTA update batch ("job") as {@code QueryOTAJob} describes it.
 *
 * <p>Status and type strings are kept exactly as the vendor sent them: the API spells the same thing
 * in more than one way ({@code COMPLETE}/{@code COMPLETED}, {@code VERFIY_FIRMWARE}/{@code VERIFY_FIRMWARE})
 * and may add values, so the helpers below ask {@link JobStatus}, which knows the spellings and lets
 * anything else through.
 * Optional numeric fields are {@code null} when the vendor omitted them.
 */
public record OtaJob(
        String jobId, String jobStatus, String jobType, String selectionType, String targetSelection,
        String productKey, String firmwareId, String firmwareName, String destVersion,
        List<String> srcVersions, String jobDesc,
        Integer dynamicMode, Double grayPercent, Integer maximumPerMinute, Integer overwriteMode,
        Integer retryCount, Integer retryIntervalMinutes, Integer timeoutInMinutes,
        Instant utcCreate, Instant utcModified, Instant utcStartTime, Instant utcEndTime,
        Instant utcScheduleTime, Instant utcScheduleFinishTime) {

    public OtaJob {
        srcVersions = srcVersions == null ? List.of() : List.copyOf(srcVersions);
    }

    /** The job will not change any more (see {@link JobStatus#isFinal}). */
    public boolean isFinal() {
        return JobStatus.isFinal(jobStatus);
    }

    /** The job is scheduled and has not started; it starts at {@link #utcScheduleTime()}. */
    public boolean isPlanned() {
        return JobStatus.PLANNED.is(jobStatus);
    }

    /** With a retry policy a FAILED task can go back to QUEUED, so FAILED is not final. */
    public boolean hasRetryPolicy() {
        return retryCount != null && retryCount > 0;
    }
}
