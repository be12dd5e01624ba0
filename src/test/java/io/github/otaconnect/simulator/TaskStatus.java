package io.github.otaconnect.simulator;

import java.util.Optional;

/**
 * Task statuses the simulator produces, in the fixed group order of the unfiltered listing.
 * {@code CONFIRM} is known to the vendor's SDK but not to the reference page; {@code PAUSED_BY_VENDOR} is
 * made up, standing for a value a client has never heard of.
 */
public enum TaskStatus {
  QUEUED, NOTIFIED, CONFIRM, IN_PROGRESS, PAUSED_BY_VENDOR, FAILED, SUCCEEDED, CANCELED;

  private static final TaskStatus[] BY_CODE = values();

  static final int COUNT = BY_CODE.length;

  byte code() {
    return (byte) ordinal();
  }

  static TaskStatus ofCode(int code) {
    return BY_CODE[code];
  }

  /** The wire value, exactly as sent. */
  public String wireName() {
    return name();
  }

  public static Optional<TaskStatus> fromWire(String value) {
    for (TaskStatus s : BY_CODE) {
      if (s.name().equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  static TaskStatus parse(String value) {
    return fromWire(value).orElseThrow(
        () -> new IllegalArgumentException("the simulator has no task status " + value));
  }

  /** SUCCEEDED and CANCELED never change again; FAILED does only while retries are left. */
  boolean isEndState() {
    return this == SUCCEEDED || this == CANCELED;
  }
}
