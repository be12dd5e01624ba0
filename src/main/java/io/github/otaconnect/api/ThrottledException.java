package io.github.otaconnect.api;

/**
 * The vendor throttled the call ({@code Throttling}, {@code Throttling.User}, {@code Throttling.Api}, HTTP 429).
 * The quota (10 QPS per action) is shared by every client of the Alibaba Cloud account, so this can happen
 * even when this client stays within its own budget. Retriable, after a longer backoff than other errors.
 */
public class ThrottledException extends OtaApiException {

    public ThrottledException(String action, String code, String requestId, int httpStatus, String message) {
        this(action, code, requestId, httpStatus, message, null);
    }

    public ThrottledException(String action, String code, String requestId, int httpStatus, String message,
                              Throwable cause) {
        super(action, code, requestId, httpStatus, message, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }

    @Override
    public String outcome() {
        return "throttled";
    }
}
