package io.github.otaconnect.source;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

import io.github.otaconnect.api.OtaJob;
import io.github.otaconnect.api.OtaTask;

/**
 * 64-bit fingerprints of observed states. Two observations with the same fingerprint are the same state,
 * so the second is not emitted again. 64 bits keep a tracked task at 8 bytes of state, and make an
 * accidental collision between two states of one task (the only collisions that matter) vanishingly rare.
 * FNV-1a over a canonical rendering, because it is stable across JVMs and versions (offsets outlive
 * processes), unlike {@code String.hashCode()} mixed with anything JVM-specific.
 */
final class StateFingerprint {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StateFingerprint() {
    }

    /** Every field of a task that the task record carries, except where the record came from. */
    static long of(OtaTask task) {
        return hash(task.taskId(), task.jobId(), task.iotId(), task.deviceName(), task.productKey(),
                task.productName(), task.firmwareId(), task.srcVersion(), task.destVersion(), task.taskStatus(),
                task.progress(), task.taskDesc(), task.timeout(), millis(task.utcCreate()),
                millis(task.utcModified()));
    }

    /** Every field of a job that its snapshot carries, plus the connector's own view of it. */
    static long of(OtaJob job, boolean finished, String observability) {
        return hash(job.jobId(), job.jobStatus(), job.jobType(), job.selectionType(), job.targetSelection(),
                job.productKey(), job.firmwareId(), job.firmwareName(), job.destVersion(),
                String.join("\u0001", job.srcVersions()), job.jobDesc(), job.dynamicMode(), job.grayPercent(),
                job.maximumPerMinute(), job.overwriteMode(), job.retryCount(), job.retryIntervalMinutes(),
                job.timeoutInMinutes(), millis(job.utcCreate()), millis(job.utcModified()),
                millis(job.utcStartTime()), millis(job.utcEndTime()), millis(job.utcScheduleTime()),
                millis(job.utcScheduleFinishTime()), finished, observability);
    }

    /** Identifies "this task in this state" inside an offset, where task IDs would cost too many bytes. */
    static long ofTaskState(String taskId, long stateFingerprint) {
        return mix(hash(taskId), stateFingerprint);
    }

    static long hash(Object... parts) {
        long h = FNV_OFFSET;
        for (Object part : parts) {
            // A separator that cannot occur in the rendering keeps ("ab","c") apart from ("a","bc").
            h = update(h, Objects.toString(part, "\u0000null").getBytes(StandardCharsets.UTF_8));
            h = (h ^ 0x1F) * FNV_PRIME;
        }
        return h;
    }

    private static long update(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    private static long mix(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

}
