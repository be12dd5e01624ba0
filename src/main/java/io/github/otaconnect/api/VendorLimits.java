package io.github.otaconnect.api;

/**
 * The limits the vendor documents for the OTA API, in one place, so that what the client refuses to send
 * and what the connector plans its reads around are the same numbers.
 */
public final class VendorLimits {

    /**
     * Queries per second for each action, per Alibaba Cloud account: shared by every RAM user and every
     * client of the account; beyond it calls are throttled.
     */
    public static final double QUERIES_PER_SECOND = 10.0;
    /** The largest {@code PageSize} of {@code ListOTATaskByJob}. */
    public static final int TASK_PAGE_SIZE = 100;
    /** The largest {@code PageSize} of {@code ListOTAFirmware}. */
    public static final int FIRMWARE_PAGE_SIZE = 100;
    /** The largest {@code PageSize} of {@code ListOTAJobByFirmware}. */
    public static final int JOB_PAGE_SIZE = 200;
    /** The most {@code DeviceNames.N} one {@code ListOTATaskByJob} call accepts. */
    public static final int DEVICE_NAMES_PER_CALL = 50;
    /**
     * {@code CurrentPage × PageSize} of {@code ListOTATaskByJob} may not exceed this: the vendor refuses to
     * list beyond it, so rows past it are only reachable through narrower listings (per status, per device).
     */
    public static final int LISTING_WINDOW = 100_000;

    private VendorLimits() {
    }
}
