package io.github.otaconnect.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.carrotsearch.hppc.LongByteHashMap;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.procedures.LongObjectProcedure;

import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.api.TaskStatus;

/**
 * What one task knows about every task of one job: the fingerprint of its last delivered state and its
 * status, keyed by a 64-bit hash of the task ID in primitive maps (about 35 bytes a task, so a
 * 1,000,000-task job costs about 35 MB), plus, for every task that can still change, its device name
 * (which a change-driven scan needs to re-read it by name) and when it last changed (about 110 bytes
 * more). SUCCEEDED and CANCELED tasks never change again, so they cost no more than the first part.
 */
final class TaskIndex {

    /** Stands for "no UtcModified" among the epoch seconds. */
    private static final int NO_TIME = Integer.MAX_VALUE;

    private final LongLongHashMap fingerprints = new LongLongHashMap();
    private final LongByteHashMap statusCodes = new LongByteHashMap();
    private final List<String> statusNames = new ArrayList<>();
    private final Map<String, Byte> statusCodesByName = new HashMap<>();
    private final Map<String, Long> countsByStatus = new LinkedHashMap<>();
    private final LongObjectHashMap<String> unsettledDevices = new LongObjectHashMap<>();
    private final LongIntHashMap unsettledModifiedSeconds = new LongIntHashMap();

    /**
     * A task that can still change: enough to re-read it by device name, and to tell whether a FAILED one
     * may still be retried. {@code key} is the task ID's hash ({@link #key(String)}).
     */
    record Unsettled(long key, String deviceName, String status, Instant modified) {
    }

    /** The fingerprint of the task's last delivered state, or null if it was never delivered. */
    Long delivered(String taskId) {
        long key = key(taskId);
        int index = fingerprints.indexOf(key);
        return fingerprints.indexExists(index) ? fingerprints.indexGet(index) : null;
    }

    /** The status of the task's last delivered state, or null if it was never delivered. */
    String status(String taskId) {
        long key = key(taskId);
        int index = statusCodes.indexOf(key);
        return statusCodes.indexExists(index) ? statusNames.get(statusCodes.indexGet(index)) : null;
    }

    void deliver(OtaTask task, long fingerprint) {
        long key = key(task.taskId());
        String status = task.taskStatus() == null ? "" : task.taskStatus();
        String previous = status(task.taskId());
        if (previous != null) {
            countsByStatus.merge(previous, -1L, Long::sum);
        }
        countsByStatus.merge(status, 1L, Long::sum);
        fingerprints.put(key, fingerprint);
        statusCodes.put(key, code(status));
        if (TaskStatus.isSettled(status)) {
            unsettledDevices.remove(key);
            unsettledModifiedSeconds.remove(key);
        } else {
            unsettledDevices.put(key, task.deviceName());
            unsettledModifiedSeconds.put(key, task.utcModified() == null ? NO_TIME
                    : (int) Math.min(Integer.MAX_VALUE - 1, task.utcModified().getEpochSecond()));
        }
    }

    int size() {
        return fingerprints.size();
    }

    /** Delivered tasks by the status of their last delivered state. */
    Map<String, Long> countsByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        countsByStatus.forEach((status, count) -> {
            if (count > 0) {
                counts.put(status, count);
            }
        });
        return counts;
    }

    /** Tasks that can still change. */
    List<Unsettled> unsettled() {
        List<Unsettled> tasks = new ArrayList<>(unsettledDevices.size());
        unsettledDevices.forEach((LongObjectProcedure<String>) (key, deviceName) -> {
            int modified = unsettledModifiedSeconds.get(key);
            tasks.add(new Unsettled(key, deviceName, statusNames.get(statusCodes.get(key)),
                    modified == NO_TIME ? null : Instant.ofEpochSecond(modified)));
        });
        return tasks;
    }

    private byte code(String status) {
        Byte code = statusCodesByName.get(status);
        if (code == null) {
            if (statusNames.size() >= Byte.MAX_VALUE) {
                throw new IllegalStateException("more than " + Byte.MAX_VALUE + " distinct task statuses");
            }
            code = (byte) statusNames.size();
            statusNames.add(status);
            statusCodesByName.put(status, code);
        }
        return code;
    }

    /**
     * The key a task is known by in this index. Task IDs are random strings: at 10^6 tasks two 64-bit
     * hashes collide with odds of about 1 in 30 million.
     */
    static long key(String taskId) {
        return StateFingerprint.hash(taskId);
    }
}
