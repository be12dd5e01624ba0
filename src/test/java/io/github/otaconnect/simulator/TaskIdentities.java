package io.github.otaconnect.simulator;

/**
 * Derives a task's TaskId, DeviceName and IotId from its index, and back, so that a million tasks need no
 * stored strings. TaskIds look opaque (the index is scrambled) and are not ordered like the listing.
 * Device names and IotIds depend on the product and the device-name prefix only, so two jobs of the same
 * product address the same devices, as they would on the real platform.
 */
final class TaskIdentities {

  private static final long MASK_47 = (1L << 47) - 1;
  private static final long SCRAMBLE = 0x5DEECE66DL | 1L;
  private static final long UNSCRAMBLE = inverseOf(SCRAMBLE);
  private static final int INDEX_CHARS = 8;
  private static final String TASK_ID_SUFFIX = "02";

  private final String taskIdTag;
  private final String deviceNamePrefix;
  private final long productHash;

  TaskIdentities(String jobId, String productKey, String deviceNamePrefix) {
    this.taskIdTag = Base62.encode(Base62.mix(jobId.hashCode() * 31L + 7), 7)
        + Base62.encode(Base62.mix(jobId.length() + jobId.hashCode() * 131L), 7);
    this.deviceNamePrefix = deviceNamePrefix + "-";
    this.productHash = Base62.mix(productKey.hashCode() * 1_000_003L + deviceNamePrefix.hashCode());
  }

  /** Multiplicative inverse modulo 2^64 by Newton's iteration (each step doubles the correct bits). */
  private static long inverseOf(long odd) {
    long inverse = odd;
    for (int k = 0; k < 5; k++) {
      inverse *= 2 - odd * inverse;
    }
    return inverse;
  }

  String taskId(int index) {
    return taskIdTag + Base62.encode((index * SCRAMBLE) & MASK_47, INDEX_CHARS) + TASK_ID_SUFFIX;
  }

  /** The index encoded in a TaskId of this job, or -1 if it is not one. */
  int taskIndex(String taskId) {
    int expectedLength = taskIdTag.length() + INDEX_CHARS + TASK_ID_SUFFIX.length();
    if (taskId == null || taskId.length() != expectedLength || !taskId.startsWith(taskIdTag)
        || !taskId.endsWith(TASK_ID_SUFFIX)) {
      return -1;
    }
    long scrambled = Base62.decode(taskId.substring(taskIdTag.length(), taskIdTag.length() + INDEX_CHARS));
    if (scrambled < 0 || scrambled > MASK_47) {
      return -1;
    }
    long index = (scrambled * UNSCRAMBLE) & MASK_47;
    return index > Integer.MAX_VALUE ? -1 : (int) index;
  }

  String deviceName(int index) {
    String digits = Integer.toString(index);
    StringBuilder out = new StringBuilder(deviceNamePrefix.length() + 7);
    out.append(deviceNamePrefix);
    for (int pad = digits.length(); pad < 7; pad++) {
      out.append('0');
    }
    return out.append(digits).toString();
  }

  /** The index behind a device name of this job's naming, or -1. */
  int deviceIndex(String deviceName) {
    if (deviceName == null || !deviceName.startsWith(deviceNamePrefix)) {
      return -1;
    }
    String digits = deviceName.substring(deviceNamePrefix.length());
    if (digits.length() < 7 || digits.length() > 10) {
      return -1;
    }
    long value = 0;
    for (int k = 0; k < digits.length(); k++) {
      char c = digits.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    if (value > Integer.MAX_VALUE || !deviceName(((int) value)).equals(deviceName)) {
      return -1;
    }
    return (int) value;
  }

  String iotId(int index) {
    long a = Base62.mix(productHash + index);
    long b = Base62.mix(a ^ 0x9E3779B97F4A7C15L);
    return Base62.encode(a >>> 4, 10) + Base62.encode(b >>> 4, 10) + "000" + Base62.encode(index % 62, 1)
        + "0100";
  }
}
