package io.github.otaconnect.api;

import java.time.Instant;

/**
 * One firmware of {@code ListOTAFirmware}. {@code status} is the vendor's numeric verification status;
 * it may arrive as a number or a numeric string, and a non-numeric label becomes {@code null} rather than
 * failing job discovery.
 */
public record FirmwareInfo(String firmwareId, String firmwareName, String productKey, String productName,
                           String srcVersion, String destVersion, Integer status, String type,
                           Instant utcCreate, Instant utcModified) {
}
