package io.github.otaconnect.simulator.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
  * Judges a SASL PLAIN user name and password as the vendor documents them for {@code authMode=aksign}.
  * Written from the vendor's page, not from the connector's code, so a connector that signs wrongly fails
  * here. Thread-safe when its secret lookup is.
  */
public final class AksignVerifier {

    static final int MAX_CLIENT_ID_LENGTH = 64;

    private final Function<String, Optional<String>> secrets;
    private final Set<String> consumerGroups;
    private final String iotInstanceId;
    private final Clock clock;
    private final Duration timestampWindow;

    /**
      * @param secrets AccessKey ID to secret, empty for an unknown or revoked key
      * @param iotInstanceId the instance the user name must name; null for a public instance, where the
      *     user name may leave it out or leave it empty
      * @param timestampWindow how far the user name's timestamp may lie from the clock, either way
      */
    public AksignVerifier(Function<String, Optional<String>> secrets, Set<String> consumerGroups,
            String iotInstanceId, Clock clock, Duration timestampWindow) {
        this.secrets = secrets;
        this.consumerGroups = Set.copyOf(consumerGroups);
        this.iotInstanceId = iotInstanceId;
        this.clock = clock;
        this.timestampWindow = timestampWindow;
    }

    public Verdict verify(String userName, String password) {
        VendorUserName.ParseResult parsed = VendorUserName.parse(userName);
        if (parsed.name().isEmpty()) {
            return Verdict.refused(parsed.failure());
        }
        VendorUserName name = parsed.name().get();
        if (name.clientId().isEmpty() || name.clientId().length() > MAX_CLIENT_ID_LENGTH) {
            return Verdict.refused("clientId must have 1 to 64 characters");
        }
        String authMode = name.param("authMode").orElse(null);
        if (!"aksign".equals(authMode)) {
            return Verdict.refused("authMode " + authMode + " is not supported (only aksign)");
        }
        String signMethod = name.param("signMethod").orElse(null);
        if (AmqpPasswordSigner.jceAlgorithm(signMethod).isEmpty()) {
            return Verdict.refused("signMethod " + signMethod + " is not hmacmd5, hmacsha1 or hmacsha256");
        }
        String group = name.param("consumerGroupId").orElse(null);
        if (group == null || !consumerGroups.contains(group)) {
            return Verdict.refused("unknown consumerGroupId " + group);
        }
        String instance = name.param("iotInstanceId").filter(s -> !s.isEmpty()).orElse(null);
        if (iotInstanceId == null ? instance != null : !iotInstanceId.equals(instance)) {
            return Verdict.refused("iotInstanceId " + instance + " does not name this instance");
        }
        String timestamp = name.param("timestamp").orElse(null);
        long millis;
        try {
            millis = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Verdict.refused("timestamp " + timestamp + " is not epoch milliseconds");
        }
        if (Math.abs(clock.millis() - millis) > timestampWindow.toMillis()) {
            return Verdict.refused("timestamp " + timestamp + " is more than " + timestampWindow + " from now");
        }
        String authId = name.param("authId").orElse(null);
        Optional<String> secret = authId == null ? Optional.empty() : secrets.apply(authId);
        if (secret.isEmpty()) {
            return Verdict.refused("unknown AccessKey " + authId);
        }
        String expected = AmqpPasswordSigner.sign(signMethod, secret.get(),
                AmqpPasswordSigner.stringToSign(authId, timestamp));
        byte[] given = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given)) {
            return Verdict.refused("password is not the signature of authId and timestamp");
        }
        return new Verdict(true, null, name);
    }

    /** Accepted with the parsed user name, or refused with a reason. */
    public record Verdict(boolean accepted, String reason, VendorUserName userName) {
        static Verdict refused(String reason) {
            return new Verdict(false, reason, null);
        }

        public String consumerGroupId() {
            return userName.param("consumerGroupId").orElseThrow();
        }
    }
}
