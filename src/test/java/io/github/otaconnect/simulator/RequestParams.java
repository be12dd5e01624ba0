package io.github.otaconnect.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The flat parameters of an RPC call: the query string, plus the form body of a POST. */
final class RequestParams {

  private RequestParams() {
  }

  /** {@code rawQuery}: the still-encoded query string, or null; {@code body}: the request body, or null. */
  static Map<String, String> of(String method, String rawQuery, String body) {
    Map<String, String> params = new LinkedHashMap<>();
    parseInto(rawQuery, params);
    if ("POST".equalsIgnoreCase(method)) {
      parseInto(body, params);
    }
    return params;
  }

  static void parseInto(String raw, Map<String, String> params) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(decode(name), decode(value));
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }
}
