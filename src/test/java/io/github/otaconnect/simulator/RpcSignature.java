package io.github.otaconnect.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature version 1.0 (HMAC-SHA1) as the gateway computes it. Written independently of the production
 * client's signer on purpose: a shared bug would otherwise pass every test. It works on UTF-8 bytes and
 * does not go through {@link java.net.URLEncoder}.
 */
public final class RpcSignature {

  public static final String SIGNATURE_PARAM = "Signature";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private RpcSignature() {
  }

  /** RFC 3986 encoding of UTF-8 bytes: only {@code A-Z a-z 0-9 - _ . ~} stay as they are. */
  public static String percentEncode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0x0F]);
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == '~';
  }

  /** Encoded {@code name=value} pairs of every parameter but Signature, sorted by encoded name, joined by &. */
  public static String canonicalizedQuery(Map<String, String> params) {
    List<String[]> pairs = new ArrayList<>(params.size());
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (SIGNATURE_PARAM.equals(e.getKey())) {
        continue;
      }
      pairs.add(new String[] {percentEncode(e.getKey()), percentEncode(e.getValue())});
    }
    // encoded names are pure ASCII, so String order is byte order
    pairs.sort((a, b) -> a[0].compareTo(b[0]));
    StringBuilder out = new StringBuilder();
    for (String[] pair : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(pair[0]).append('=').append(pair[1]);
    }
    return out.toString();
  }

  public static String stringToSign(String httpMethod, Map<String, String> params) {
    return httpMethod + "&" + percentEncode("/") + "&" + percentEncode(canonicalizedQuery(params));
  }

  public static String sign(String httpMethod, Map<String, String> params, String accessKeySecret) {
    return hmacSha1Base64(accessKeySecret + "&", stringToSign(httpMethod, params));
  }

  /** Constant-time comparison of the signature a request carries with the expected one. */
  public static boolean matches(String expected, String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }

  static String hmacSha1Base64(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is required of every JRE", e);
    }
  }
}
