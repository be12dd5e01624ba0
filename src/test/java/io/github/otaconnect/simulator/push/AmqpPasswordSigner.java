package io.github.otaconnect.simulator.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
  * The vendor's AMQP password: Base64 of the HMAC, keyed with the AccessKey secret, of
  * {@code authId=<AccessKey ID>&timestamp=<epoch ms>} (the signed parameters sorted by name, joined as
  * key=value with '&'), the HMAC named by the user name's {@code signMethod}.
  */
public final class AmqpPasswordSigner {

    private static final Map<String, String> JCE_NAMES = Map.of(
            "hmacmd5", "HmacMD5", "hmacsha1", "HmacSHA1", "hmacsha256", "HmacSHA256");

    private AmqpPasswordSigner() {
    }

    /** The JCE algorithm for a vendor {@code signMethod}, compared without case (a vendor demo writes "Hmacsha1"). */
    public static Optional<String> jceAlgorithm(String signMethod) {
        return signMethod == null ? Optional.empty()
                : Optional.ofNullable(JCE_NAMES.get(signMethod.toLowerCase(Locale.ROOT)));
    }

    public static String stringToSign(String accessKeyId, String timestamp) {
        return "authId=" + accessKeyId + "&timestamp=" + timestamp;
    }

    public static String sign(String signMethod, String secret, String stringToSign) {
        String algorithm = jceAlgorithm(signMethod)
                .orElseThrow(() -> new IllegalArgumentException("unsupported signMethod " + signMethod));
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
