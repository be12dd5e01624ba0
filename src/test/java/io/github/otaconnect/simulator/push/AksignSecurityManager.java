package io.github.otaconnect.simulator.push;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
  * Artemis security for one consumer group's broker: a login passes when {@link AksignVerifier} accepts
  * it for this group and the group has fewer than its limit of clients; a client may then only consume
  * from {@link EmbeddedAmqpBroker#ADDRESS} (the vendor supports no sender links). Artemis's
  * authentication cache must be off (it is in {@link EmbeddedAmqpBroker}) so that every connection, and
  * every stale timestamp, reaches {@link #authenticate}.
  */
final class AksignSecurityManager implements ActiveMQSecurityManager5 {

    private static final Logger LOG = LoggerFactory.getLogger(AksignSecurityManager.class);

    private final AksignVerifier verifier;
    private final String consumerGroupId;
    private final int maxClients;
    private final RefusalLog refusals;
    private final Map<Object, String> clients = new ConcurrentHashMap<>();

    AksignSecurityManager(AksignVerifier verifier, String consumerGroupId, int maxClients, RefusalLog refusals) {
        this.verifier = verifier;
        this.consumerGroupId = consumerGroupId;
        this.maxClients = maxClients;
        this.refusals = refusals;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String domain) {
        AksignVerifier.Verdict verdict = verifier.verify(user, password);
        if (!verdict.accepted()) {
            return refuse(user, verdict.reason());
        }
        if (!consumerGroupId.equals(verdict.consumerGroupId())) {
            return refuse(user, "this endpoint serves consumer group " + consumerGroupId);
        }
        if (connection != null && !admit(connection, verdict.userName().clientId())) {
            return refuse(user, "consumer group " + consumerGroupId + " has " + maxClients + " clients already");
        }
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(verdict.userName().clientId()));
        return subject;
    }

    /** Artemis asks again for every session of a connection: a connection counts once. */
    private synchronized boolean admit(RemotingConnection connection, String clientId) {
        Object id = connection.getID();
        if (clients.containsKey(id)) {
            return true;
        }
        if (clients.size() >= maxClients) {
            return false;
        }
        clients.put(id, clientId);
        connection.addCloseListener(() -> clients.remove(id));
        connection.addFailureListener(new org.apache.activemq.artemis.core.remoting.FailureListener() {
            @Override
            public void connectionFailed(org.apache.activemq.artemis.api.core.ActiveMQException e, boolean failedOver) {
                clients.remove(id);
            }

            @Override
            public void connectionFailed(org.apache.activemq.artemis.api.core.ActiveMQException e, boolean failedOver,
                    String scaleDownTargetNodeID) {
                clients.remove(id);
            }
        });
        return true;
    }

    private Subject refuse(String user, String reason) {
        refusals.refuse("login of '" + user + "'", reason);
        return null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        boolean consuming = checkType == CheckType.CONSUME || checkType == CheckType.BROWSE;
        boolean allowed = consuming && address != null && (address.equals(EmbeddedAmqpBroker.ADDRESS)
                || address.startsWith(EmbeddedAmqpBroker.ADDRESS + "::")
                || address.startsWith(EmbeddedAmqpBroker.ADDRESS + "."));
        if (!allowed) {
            LOG.info("AMQP client of group {} refused {} on {}", consumerGroupId, checkType, address);
        }
        return allowed;
    }

    @Override
    public boolean validateUser(String user, String password) {
        return verifier.verify(user, password).accepted();
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }

    /** The broker stopped: its connections are gone whether or not their listeners ran. */
    void forgetClients() {
        clients.clear();
    }

    /** Clients of this group connected now. */
    int clientCount() {
        return clients.size();
    }
}
