package io.github.otaconnect.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud RPC signature version 1.0 (HMAC-SHA1), as described in {@code alibaba-ota-api.md}.
 * Stateless and thread-safe.
 */
public final class RequestSigner {

    public static final String SIGNATURE_METHOD = "HMAC-SHA1";
    public static final String SIGNATURE_VERSION = "1.0";
    private static final String HMAC = "HmacSHA1";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The methods are static; an instance exists only for callers that prefer to inject a signer. */
    public RequestSigner() {
    }

    /**
     * RFC 3986 encoding as the vendor wants it: UTF-8 bytes, {@code A-Z a-z 0-9 - _ . ~} kept, everything
     * else {@code %XX} upper-case (so space is {@code %20}, {@code *} is {@code %2A}). Written out rather than
     * built on {@code URLEncoder}, whose form encoding differs in exactly these characters.
     */
    public static String percentEncode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
            }
        }
        return out.toString();
    }

    /**
     * The canonicalized query string: every parameter except {@code Signature}, names and values
     * percent-encoded, sorted by encoded name, joined with {@code &}. It is also the query string sent.
     */
    public static String canonicalQuery(Map<String, String> params) {
        TreeMap<String, String> encoded = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if ("Signature".equals(e.getKey())) {
                continue;
            }
            if (e.getKey() == null || e.getValue() == null) {
                // the value is not echoed: it might be the secret or the token
                throw new IllegalArgumentException("parameter " + e.getKey() + " has no name or value");
            }
            encoded.put(percentEncode(e.getKey()), percentEncode(e.getValue()));
        }
        // encoded names are ASCII, so String order is the byte order the vendor sorts by
        return encoded.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    /** {@code METHOD&%2F&percentEncode(canonicalQuery)}. */
    public static String stringToSign(String method, Map<String, String> params) {
        return method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(params));
    }

    /** Base64(HMAC-SHA1(secret + "&", stringToSign)). */
    public static String sign(String method, Map<String, String> params, String accessKeySecret) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), HMAC));
            byte[] digest = mac.doFinal(stringToSign(method, params).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            // every JRE must provide HmacSHA1; reaching this means a broken runtime, not bad input
            throw new IllegalStateException("HmacSHA1 is not available in this JRE", e);
        }
    }
}
