package io.github.otaconnect.api;

import java.util.List;

/** One page of {@code ListOTAFirmware}. */
public record FirmwarePage(List<FirmwareInfo> firmware, int total, int pageCount, int pageSize,
                           int currentPage, String requestId) {

    public FirmwarePage {
        firmware = firmware == null ? List.of() : List.copyOf(firmware);
    }
}
