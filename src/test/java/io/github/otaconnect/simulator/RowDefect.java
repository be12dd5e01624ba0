package io.github.otaconnect.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One way a row of ListOTATaskByJob can come out malformed, as a client must expect from any vendor. */
public enum RowDefect {
  /** {@code Progress} is text that is no number. */
  PROGRESS_NOT_A_NUMBER {
    @Override
    void applyTo(ObjectNode row) {
      row.put("Progress", "N/A");
    }
  },
  /** {@code DeviceName} is present but empty. */
  BLANK_DEVICE_NAME {
    @Override
    void applyTo(ObjectNode row) {
      row.put("DeviceName", "");
    }
  },
  /** The row has no {@code TaskId}, so a client cannot tell which task it is. */
  NO_TASK_ID {
    @Override
    void applyTo(ObjectNode row) {
      row.remove("TaskId");
    }
  },
  /** {@code UtcModified} is text that is no time. */
  UTC_MODIFIED_NOT_A_DATE {
    @Override
    void applyTo(ObjectNode row) {
      row.put("UtcModified", "unknown");
    }
  };

  abstract void applyTo(ObjectNode row);
}
