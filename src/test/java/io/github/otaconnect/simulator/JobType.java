package io.github.otaconnect.simulator;

/** Job types as the API spells them ({@code VERFIY_FIRMWARE} sic). */
public enum JobType {
  UPGRADE_FIRMWARE, VERFIY_FIRMWARE
}
