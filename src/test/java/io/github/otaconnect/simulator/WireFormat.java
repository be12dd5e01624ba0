package io.github.otaconnect.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the vendor writes times and decimals. */
final class WireFormat {

  private static final DateTimeFormatter API_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  // RFC 7231 IMF-fixdate; RFC_1123_DATE_TIME would print single-digit days without the leading zero
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private WireFormat() {
  }

  static String apiTime(Instant instant) {
    return API_TIME.format(instant);
  }

  static String httpDate(Instant instant) {
    return HTTP_DATE.format(instant);
  }

  static String twoDecimals(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
