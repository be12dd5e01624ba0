package io.github.otaconnect.api;

/** The vendor action names this client calls (they are also the rate limiters' and metrics' keys). */
public final class OtaActions {

    public static final String QUERY_OTA_JOB = "QueryOTAJob";
    public static final String LIST_OTA_TASK_BY_JOB = "ListOTATaskByJob";
    public static final String LIST_OTA_FIRMWARE = "ListOTAFirmware";
    public static final String LIST_OTA_JOB_BY_FIRMWARE = "ListOTAJobByFirmware";

    private OtaActions() {
    }
}
