package io.github.otaconnect.api;

/**
 * A failure that may go away by itself: HTTP 5xx, {@code ServiceUnavailable}, {@code InternalError},
 * {@code iot.system.*} system errors, timeouts, I/O errors or a reused nonce.
 */
public class RetriableApiException extends OtaApiException {

    public RetriableApiException(String action, String code, String requestId, int httpStatus, String message) {
        this(action, code, requestId, httpStatus, message, null);
    }

    public RetriableApiException(String action, String code, String requestId, int httpStatus, String message,
                                 Throwable cause) {
        super(action, code, requestId, httpStatus, message, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }

    @Override
    public String outcome() {
        return "retriable";
    }
}
