package io.github.otaconnect.api;

/**
 * An Alibaba Cloud AccessKey pair, optionally with an STS security token (temporary credentials).
 * {@link #toString()} shows the AccessKey ID only: the secret and the token must never reach a log.
 *
 * @param securityToken the STS token, or {@code null} for a permanent AccessKey; blank counts as absent
 */
public record Credentials(String accessKeyId, String accessKeySecret, String securityToken) {

    public Credentials {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("the AccessKey ID must not be blank");
        }
        if (accessKeySecret == null || accessKeySecret.isEmpty()) {
            throw new IllegalArgumentException("the AccessKey secret must not be empty");
        }
        if (securityToken != null && securityToken.isBlank()) {
            securityToken = null;
        }
    }

    /** Permanent credentials, without an STS token. */
    public static Credentials of(String accessKeyId, String accessKeySecret) {
        return new Credentials(accessKeyId, accessKeySecret, null);
    }

    public boolean hasSecurityToken() {
        return securityToken != null;
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + ", accessKeySecret=****, securityToken="
                + (securityToken == null ? "none" : "****") + "]";
    }
}
