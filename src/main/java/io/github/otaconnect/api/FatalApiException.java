package io.github.otaconnect.api;

import java.util.Objects;

/**
 * A failure retrying cannot fix: a rejected signature, an unknown or disabled AccessKey, expired STS
 * credentials, a missing RAM permission, a wrong IoT instance, a clock too far off, or parameters the
 * vendor refuses. The message says which setting to check; {@link #reason()} says whether the problem is
 * the configuration (every call will fail the same way) or this one request (for example one job).
 */
public class FatalApiException extends OtaApiException {

    /** What kind of problem made the call fail for good. */
    public enum Reason {
        /** Signature, AccessKey ID/secret or STS token rejected. */
        CREDENTIALS,
        /** The RAM user lacks the permission for the action. */
        PERMISSION,
        /** The request timestamp is too far from the vendor's clock. */
        CLOCK,
        /** The IoT instance ID or region is wrong. */
        INSTANCE,
        /** The endpoint is not the IoT API (redirect, proxy page, wrong host). */
        ENDPOINT,
        /** The vendor refused this particular request (its parameters, or an unknown business error). */
        REQUEST;

        /** True when every call through the same settings will fail the same way. */
        public boolean isConfigurationProblem() {
            return this != REQUEST;
        }
    }

    private final Reason reason;

    public FatalApiException(String action, String code, String requestId, int httpStatus, String message) {
        this(action, code, requestId, httpStatus, message, null);
    }

    public FatalApiException(String action, String code, String requestId, int httpStatus, String message,
                             Throwable cause) {
        this(Reason.REQUEST, action, code, requestId, httpStatus, message, cause);
    }

    public FatalApiException(Reason reason, String action, String code, String requestId, int httpStatus,
                             String message) {
        this(reason, action, code, requestId, httpStatus, message, null);
    }

    public FatalApiException(Reason reason, String action, String code, String requestId, int httpStatus,
                             String message, Throwable cause) {
        super(action, code, requestId, httpStatus, message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public boolean isRetriable() {
        return false;
    }

    @Override
    public String outcome() {
        return "fatal";
    }
}
