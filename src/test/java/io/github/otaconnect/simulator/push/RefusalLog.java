package io.github.otaconnect.simulator.push;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
  * What one group's endpoint refused last, whichever rule refused it (login, client limit, idle-time-out,
  * receiver deadline, links), so that a test can ask why a client was turned away.
  */
final class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);

    private final String consumerGroupId;
    private volatile String last;

    RefusalLog(String consumerGroupId) {
        this.consumerGroupId = consumerGroupId;
    }

    /** @param what what was refused, e.g. "login of 'user'"; {@code reason} is what {@link #last()} returns */
    void refuse(String what, String reason) {
        last = reason;
        LOG.info("AMQP endpoint of group {} refused the {}: {}", consumerGroupId, what, reason);
    }

    /** Why the latest refusal happened; null if nothing was refused. */
    String last() {
        return last;
    }
}
