package io.github.otaconnect.api;

/**
 * One field of a response could not be read. Thrown as an {@link InvalidResponseException} wherever a bad
 * field makes the whole response unusable; the reader of a task row catches it instead, to keep the row
 * with that field {@code null}.
 */
final class InvalidFieldException extends InvalidResponseException {

    private final String fieldProblem;

    InvalidFieldException(String action, String requestId, int httpStatus, String fieldProblem) {
        super(action, null, requestId, httpStatus, "response " + fieldProblem + JsonBodyReader.RETRY_ADVICE);
        this.fieldProblem = fieldProblem;
    }

    /** The field and what is wrong with it, e.g. {@code field Data.SimpleOTATaskInfo[2].Progress should be a number but is "N/A"}. */
    String fieldProblem() {
        return fieldProblem;
    }
}
