package io.github.otaconnect.api;

/**
 * The job or firmware the call was about does not exist (deleted, mistyped, or in another region or instance).
 * Not retriable; it concerns that one job, not the connector as a whole.
 */
public class NotFoundException extends OtaApiException {

    public NotFoundException(String action, String code, String requestId, int httpStatus, String message) {
        this(action, code, requestId, httpStatus, message, null);
    }

    public NotFoundException(String action, String code, String requestId, int httpStatus, String message,
                             Throwable cause) {
        super(action, code, requestId, httpStatus, message, cause);
    }

    @Override
    public boolean isRetriable() {
        return false;
    }

    @Override
    public String outcome() {
        return "not_found";
    }
}
