package io.github.otaconnect.push;

/** An OTA message that cannot be acted on; carries the vendor's message ID for the log line. */
final class MalformedPushMessageException extends Exception {

    private final String messageId;

    MalformedPushMessageException(String reason, String messageId) {
        super(reason);
        this.messageId = messageId;
    }

    String messageId() {
        return messageId;
    }
}
