package io.github.otaconnect.simulator;

import java.util.SplittableRandom;

/** Fixed-width base-62 text, the alphabet of the vendor's opaque ids. */
final class Base62 {

  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private Base62() {
  }

  /** Encodes the low bits of a non-negative value, most significant digit first. */
  static String encode(long value, int width) {
    char[] out = new char[width];
    long v = value;
    for (int k = width - 1; k >= 0; k--) {
      out[k] = ALPHABET.charAt((int) Long.remainderUnsigned(v, 62));
      v = Long.divideUnsigned(v, 62);
    }
    return new String(out);
  }

  /** Decodes, or returns -1 if a character is outside the alphabet. */
  static long decode(CharSequence text) {
    long v = 0;
    for (int k = 0; k < text.length(); k++) {
      int digit = ALPHABET.indexOf(text.charAt(k));
      if (digit < 0) {
        return -1;
      }
      v = v * 62 + digit;
    }
    return v;
  }

  static String random(SplittableRandom random, int width) {
    StringBuilder out = new StringBuilder(width);
    for (int k = 0; k < width; k++) {
      out.append(ALPHABET.charAt(random.nextInt(62)));
    }
    return out.toString();
  }

  /** SplitMix64's finaliser: a cheap, well-mixed hash of a long. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
