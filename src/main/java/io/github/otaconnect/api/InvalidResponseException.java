package io.github.otaconnect.api;

/**
 * The response could not be read as the API documents it: not JSON, truncated, a field of the wrong type,
 * a required field missing, or a body over the size cap. Retriable because it is usually a garbled or cut
 * reply; if it persists, the vendor changed the response shape.
 */
public class InvalidResponseException extends RetriableApiException {

    public InvalidResponseException(String action, String code, String requestId, int httpStatus, String message) {
        this(action, code, requestId, httpStatus, message, null);
    }

    public InvalidResponseException(String action, String code, String requestId, int httpStatus, String message,
                                    Throwable cause) {
        super(action, code, requestId, httpStatus, message, cause);
    }
}
