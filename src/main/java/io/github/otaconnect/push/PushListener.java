package io.github.otaconnect.push;

/** Observes the push connection and its messages, for logs and metrics. Called on the AMQP client's threads. */
public interface PushListener {

    /** What a received message was. */
    enum MessageKind {
        DEVICE_STATUS, JOB_STATUS, OTHER, MALFORMED
    }

    default void connected() {
    }

    default void disconnected() {
    }

    default void received(MessageKind kind) {
    }

    /** A message whose ID was seen moments ago: acknowledged without a re-read. */
    default void duplicate() {
    }

    /** A message about a job this task does not follow: acknowledged without a re-read. */
    default void notOurs() {
    }
}
