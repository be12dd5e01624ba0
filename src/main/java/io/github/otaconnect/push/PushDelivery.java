package io.github.otaconnect.push;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A received message and the means to acknowledge it. The owner acknowledges only once the re-read the
 * message triggered is delivered (or found unnecessary): a message lost with the connection before that is
 * redelivered by the broker, and the re-read repeats harmlessly (the scanner drops states it delivered).
 */
public final class PushDelivery {

    private static final Logger log = LoggerFactory.getLogger(PushDelivery.class);

    private final PushMessage message;
    private final Acknowledger acknowledger;
    private final long receivedNanos;
    private final AtomicBoolean acknowledged = new AtomicBoolean();

    PushDelivery(PushMessage message, Acknowledger acknowledger, long receivedNanos) {
        this.message = message;
        this.acknowledger = acknowledger;
        this.receivedNanos = receivedNanos;
    }

    PushMessage message() {
        return message;
    }

    public String jobId() {
        return message.jobId();
    }

    /** The device whose status changed, or null for a job status message. */
    public String deviceName() {
        return message instanceof PushMessage.DeviceStatus device ? device.deviceName() : null;
    }

    public boolean isJobStatus() {
        return message instanceof PushMessage.JobStatus;
    }

    /** {@link System#nanoTime()} when the message arrived. */
    public long receivedNanos() {
        return receivedNanos;
    }

    /** Acknowledges once; a failure (the connection is gone) only means the broker redelivers it. */
    public void acknowledge() {
        if (!acknowledged.compareAndSet(false, true)) {
            return;
        }
        try {
            acknowledger.acknowledge();
        } catch (Exception e) {
            log.debug("Could not acknowledge pushed message {} (it will be redelivered): {}", message.messageId(),
                    e.toString());
        }
    }

    /** Acknowledges one message on its session. */
    @FunctionalInterface
    interface Acknowledger {
        void acknowledge() throws Exception;
    }
}
