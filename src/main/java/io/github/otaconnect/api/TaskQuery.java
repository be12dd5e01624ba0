package io.github.otaconnect.api;

import java.util.List;

/**
 * One {@code ListOTATaskByJob} request. Validated here so a bad page never costs a rate-limit token.
 *
 * @param taskStatus  only tasks in this status, or {@code null} for all
 * @param deviceNames only these devices (sent as {@code DeviceNames.N}); empty means no filter; at most 50
 */
public record TaskQuery(String jobId, int currentPage, int pageSize, String taskStatus, List<String> deviceNames) {

    public TaskQuery {
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("jobId must not be blank");
        }
        if (currentPage < 1) {
            throw new IllegalArgumentException("currentPage must be >= 1 (pages start at 1), was " + currentPage);
        }
        if (pageSize < 1 || pageSize > VendorLimits.TASK_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + VendorLimits.TASK_PAGE_SIZE
                    + ", was " + pageSize);
        }
        if (taskStatus != null && taskStatus.isBlank()) {
            taskStatus = null;
        }
        deviceNames = deviceNames == null ? List.of() : List.copyOf(deviceNames);
        if (deviceNames.size() > VendorLimits.DEVICE_NAMES_PER_CALL) {
            throw new IllegalArgumentException("at most " + VendorLimits.DEVICE_NAMES_PER_CALL
                    + " device names per query, got " + deviceNames.size());
        }
        for (String name : deviceNames) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("device names must not be blank");
            }
        }
    }
}
