package io.github.otaconnect.api;

/**
 * Response parsers for tests, built as the client builds its own: with a redactor for the client's
 * credentials, so that the error messages tests see are the ones users see.
 */
public final class ResponseParsers {

    /** The credentials whose secrets these parsers keep out of messages. */
    public static final Credentials CREDENTIALS = new Credentials("parser-test-id", "parser-test-secret", null);

    private ResponseParsers() {
    }

    /** A parser with the client's default body cap. */
    public static ResponseParser parser() {
        return parser(ClientSettings.DEFAULT_MAX_RESPONSE_BYTES);
    }

    public static ResponseParser parser(int maxBodyBytes) {
        return new ResponseParser(maxBodyBytes, SecretRedactor.of(CREDENTIALS));
    }
}
