package io.github.otaconnect.api;

/**
 * A failed call to the vendor API. Every subclass says whether retrying can help; the message always names
 * the action, the HTTP status, the vendor {@code Code} and {@code RequestId} (quote it to vendor support)
 * and what the operator should do. Messages never contain the AccessKey secret or the STS token.
 */
public abstract class OtaApiException extends RuntimeException {

    private final String action;
    private final String code;
    private final String requestId;
    private final int httpStatus;

    /**
     * @param action     the API action, e.g. {@code QueryOTAJob}
     * @param code       the vendor's error {@code Code}, or {@code null}
     * @param requestId  the vendor's {@code RequestId}, or {@code null}
     * @param httpStatus the HTTP status, or 0 when no response arrived
     * @param message    what happened and what to do; must not contain secrets
     */
    protected OtaApiException(String action, String code, String requestId, int httpStatus, String message,
                              Throwable cause) {
        super(describe(action, code, requestId, httpStatus, message), cause);
        this.action = action;
        this.code = code;
        this.requestId = requestId;
        this.httpStatus = httpStatus;
    }

    public String action() {
        return action;
    }

    /** The vendor's error code, e.g. {@code Throttling.User}; {@code null} when there was none. */
    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }

    /** The HTTP status, 0 when the call failed before a response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    public abstract boolean isRetriable();

    /**
     * The outcome label reported to {@link ApiCallListener#onCall}: {@code throttled}, {@code retriable},
     * {@code not_found} or {@code fatal}.
     */
    public abstract String outcome();

    private static String describe(String action, String code, String requestId, int httpStatus, String message) {
        StringBuilder context = new StringBuilder();
        context.append(httpStatus > 0 ? "HTTP " + httpStatus : "no HTTP response");
        if (code != null) {
            context.append(", Code ").append(code);
        }
        if (requestId != null) {
            context.append(", RequestId ").append(requestId);
        }
        return (action == null ? "OTA API call" : action) + " failed [" + context + "]: " + message;
    }
}
