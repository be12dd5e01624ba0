package io.github.otaconnect.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.otaconnect.api.Credentials;

/**
 * The SASL PLAIN user name and password of one AMQP connection to the vendor's server-side subscription.
 * The user name names the client, the AccessKey, the consumer group and the instance; the password is an
 * HMAC-SHA1 over the AccessKey ID and the same timestamp (and the STS token, for temporary credentials:
 * {@code authMode=ststoken}), keyed with the AccessKey secret. A login is made
 * afresh for every connection attempt: the vendor refuses stale timestamps, so a reconnect must not reuse one.
 * {@link #toString()} never shows the password.
 */
record AmqpLogin(String userName, String password) {

    static final String SIGN_METHOD = "hmacsha1";
    private static final String MAC_ALGORITHM = "HmacSHA1";

    static AmqpLogin sign(Credentials credentials, String clientId, String consumerGroupId, String iotInstanceId,
                          Instant now) {
        String timestamp = Long.toString(now.toEpochMilli());
        boolean sts = credentials.hasSecurityToken();
        StringBuilder user = new StringBuilder(clientId)
                .append("|authMode=").append(sts ? "ststoken" : "aksign")
                .append(",signMethod=").append(SIGN_METHOD)
                .append(",timestamp=").append(timestamp)
                .append(",authId=").append(credentials.accessKeyId());
        if (sts) {
            user.append(",securityToken=").append(credentials.securityToken());
        }
        if (iotInstanceId != null && !iotInstanceId.isBlank()) {
            user.append(",iotInstanceId=").append(iotInstanceId);
        }
        user.append(",consumerGroupId=").append(consumerGroupId).append('|');
        // The signed parameters in name order, as the vendor specifies.
        String signed = "authId=" + credentials.accessKeyId()
                + (sts ? "&securityToken=" + credentials.securityToken() : "") + "&timestamp=" + timestamp;
        return new AmqpLogin(user.toString(), hmac(credentials.accessKeySecret(), signed));
    }

    private static String hmac(String secret, String content) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), MAC_ALGORITHM));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute " + MAC_ALGORITHM, e);
        }
    }

    @Override
    public String toString() {
        int token = userName.indexOf(",securityToken=");
        String shown = token < 0 ? userName
                : userName.substring(0, token) + ",securityToken=****" + userName.substring(userName.indexOf(',', token + 1));
        return "AmqpLogin[userName=" + shown + ", password=****]";
    }
}
