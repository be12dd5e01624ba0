package io.github.otaconnect.push;

import java.net.URI;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.github.otaconnect.api.Credentials;

/**
 * How one task connects to the vendor's AMQP server-side subscription.
 *
 * @param endpoint        {@code amqps://host:port}
 * @param consumerGroupId the consumer group this task consumes alone (see the README on routing)
 * @param clientId        unique per connection; the vendor shows it in the console's client list
 * @param iotInstanceId   the IoT instance, or blank for the public instance
 * @param address         the receiver link's source address
 * @param sslContext      trust for the endpoint's certificate, or null for the JVM's default trust
 */
public record PushSettings(URI endpoint, Credentials credentials, String consumerGroupId, String clientId,
                           String iotInstanceId, String address, Duration idleTimeout, Duration reconnectBackoffMax,
                           SSLContext sslContext) {

    /**
     * The vendor closes a connection whose open frame asks for an idle time-out outside 30 s to 300 s. Qpid JMS
     * advertises half its own idle time-out ({@code amqp.idleTimeout}, after which it drops a silent
     * connection) so that the peer's heartbeats arrive in time: the client's setting must be twice the range.
     */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofSeconds(600);
    /** The receiver link's source address in the vendor's own Java example. */
    public static final String DEFAULT_ADDRESS = "default";

    @Override
    public String toString() {
        return "PushSettings[endpoint=" + endpoint + ", consumerGroupId=" + consumerGroupId + ", clientId=" + clientId
                + ", accessKeyId=" + credentials.accessKeyId() + "]";
    }
}
