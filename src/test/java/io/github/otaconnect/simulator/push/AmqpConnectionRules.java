package io.github.otaconnect.simulator.push;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.protocol.amqp.proton.AMQPConnectionContext;
import org.apache.activemq.artemis.protocol.amqp.proton.AmqpSupport;
import org.apache.activemq.artemis.protocol.amqp.proton.ProtonDeliveryHandler;
import org.apache.activemq.artemis.protocol.amqp.proton.handler.EventHandler;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;

/**
  * The vendor's rules for one AMQP connection that Artemis has no setting for: the Open frame must carry an
  * idle-time-out of 30 to 300 s; a receiver link must be attached within a deadline after the Open; the
  * connection gets one receiver link in its life and no sender link.
  *
  * <p>Artemis calls this on the connection's event loop, after its own handler: a connection or link seen
  * here has been accepted by Artemis (unless its local end is closed already) but its answer is not on the
  * wire yet, so a refusal here is what the client sees.
  */
final class AmqpConnectionRules implements EventHandler {

    static final int MIN_IDLE_TIME_OUT_MS = 30_000;
    static final int MAX_IDLE_TIME_OUT_MS = 300_000;

    private final AMQPConnectionContext context;
    private final Duration receiverDeadline;
    private final ScheduledExecutorService scheduler;
    private final RefusalLog refusals;
    // The fields below are touched on the connection's event loop only.
    private Connection connection;
    private boolean receiverAttached;
    private ScheduledFuture<?> deadline;

    AmqpConnectionRules(AMQPConnectionContext context, Duration receiverDeadline, ScheduledExecutorService scheduler,
            RefusalLog refusals) {
        this.context = context;
        this.receiverDeadline = receiverDeadline;
        this.scheduler = scheduler;
        this.refusals = refusals;
    }

    @Override
    public void onRemoteOpen(Connection opened) {
        if (opened.getLocalState() == EndpointState.CLOSED) {
            return;
        }
        connection = opened;
        int idleTimeOut = opened.getTransport().getRemoteIdleTimeout();
        if (idleTimeOut < MIN_IDLE_TIME_OUT_MS || idleTimeOut > MAX_IDLE_TIME_OUT_MS) {
            refuseOpen(idleTimeOut == 0
                    ? "the Open frame carries no idle-time-out; " + MIN_IDLE_TIME_OUT_MS + " to " + MAX_IDLE_TIME_OUT_MS
                            + " ms is required"
                    : "the Open frame's idle-time-out " + idleTimeOut + " ms is outside " + MIN_IDLE_TIME_OUT_MS
                            + " to " + MAX_IDLE_TIME_OUT_MS + " ms");
            return;
        }
        deadline = scheduler.schedule(() -> context.runNow(this::enforceReceiverDeadline),
                receiverDeadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** As Artemis refuses an Open: the open-failed property makes the client fail its connect with our error. */
    private void refuseOpen(String reason) {
        refusals.refuse("connection from " + context.getRemoteAddress(), reason);
        connection.setProperties(Map.of(AmqpSupport.CONNECTION_OPEN_FAILED, true));
        context.close(new ErrorCondition(AmqpError.INVALID_FIELD, reason));
    }

    private void enforceReceiverDeadline() {
        if (receiverAttached || gone()) {
            return;
        }
        String reason = "no receiver link was attached within " + receiverDeadline.toMillis() + " ms of the Open";
        refusals.refuse("connection from " + context.getRemoteAddress(), reason);
        context.close(new ErrorCondition(AmqpError.RESOURCE_LIMIT_EXCEEDED, reason));
    }

    /** Whether the client has left (Close frame or dropped socket): then its deadline refuses nothing. */
    private boolean gone() {
        return connection.getLocalState() == EndpointState.CLOSED
                || !context.getConnectionCallback().getTransportConnection().isOpen();
    }

    @Override
    public void onRemoteClose(Connection closed) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    @Override
    public void onRemoteOpen(Link link) throws Exception {
        // A broker-side Receiver is the client's sender link.
        if (link instanceof Receiver) {
            refuseLink(link, AmqpError.NOT_ALLOWED, "sender link", "sender links are not supported; a client only "
                    + "receives");
            return;
        }
        if (link.getLocalState() != EndpointState.ACTIVE) {
            return;
        }
        if (receiverAttached) {
            refuseLink(link, AmqpError.RESOURCE_LIMIT_EXCEEDED, "second receiver link",
                    "one receiver link per connection, and this connection had one already");
            return;
        }
        receiverAttached = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    private void refuseLink(Link link, Symbol condition, String what, String reason) throws Exception {
        refusals.refuse(what + " '" + link.getName() + "' from " + context.getRemoteAddress(), reason);
        if (link.getLocalState() == EndpointState.CLOSED) {
            return;
        }
        // An attach answered without source (receiver) or target (sender) tells the client the link failed.
        if (link instanceof Receiver) {
            link.setTarget(null);
        } else {
            link.setSource(null);
        }
        ErrorCondition error = new ErrorCondition(condition, reason);
        if (link.getContext() instanceof ProtonDeliveryHandler handler) {
            // Ends the consumer or producer Artemis made for the link; a producer's leaves the link open.
            handler.close(error);
        }
        if (link.getLocalState() != EndpointState.CLOSED) {
            link.setCondition(error);
            link.close();
        }
    }
}
