package io.github.otaconnect.simulator;

import java.time.Instant;

/**
 * A firmware entry of ListOTAFirmware, derived from the jobs that use it. {@code status}: 0 not verified,
 * 1 verified, 2 verifying, 3 verification failed; {@code type}: 0 full package. The API sends both as
 * numbers.
 */
public record FirmwareState(
    String firmwareId, String firmwareName, String productKey, String productName, String srcVersion,
    String destVersion, int status, int type, Instant utcCreate, Instant utcModified) {
}
