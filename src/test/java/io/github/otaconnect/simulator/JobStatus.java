package io.github.otaconnect.simulator;

/** Job statuses as QueryOTAJob sends them (the simulator says COMPLETE, never COMPLETED). */
public enum JobStatus {
  PLANNED, IN_PROGRESS, COMPLETE, CANCELED;

  boolean isOver() {
    return this == COMPLETE || this == CANCELED;
  }
}
