package io.github.otaconnect.simulator.push;

import java.time.Duration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerConnectionPlugin;
import org.apache.activemq.artemis.protocol.amqp.broker.ActiveMQProtonRemotingConnection;
import org.apache.activemq.artemis.protocol.amqp.proton.AMQPConnectionContext;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
  * Puts {@link AmqpConnectionRules} on every AMQP connection as soon as Artemis has made it, before the
  * client's Open arrives.
  */
final class AmqpConnectionRulesPlugin implements ActiveMQServerConnectionPlugin {

    private final Duration receiverDeadline;
    private final RefusalLog refusals;
    private volatile ActiveMQServer server;

    AmqpConnectionRulesPlugin(Duration receiverDeadline, RefusalLog refusals) {
        this.receiverDeadline = receiverDeadline;
        this.refusals = refusals;
    }

    @Override
    public void registered(ActiveMQServer registeredWith) {
        this.server = registeredWith;
    }

    @Override
    public void afterCreateConnection(RemotingConnection connection) {
        if (connection instanceof ActiveMQProtonRemotingConnection amqp) {
            AMQPConnectionContext context = amqp.getAmqpConnection();
            // The handler list belongs to the connection's event loop.
            context.runNow(() -> context.addEventHandler(
                    new AmqpConnectionRules(context, receiverDeadline, server.getScheduledPool(), refusals)));
        }
    }
}
