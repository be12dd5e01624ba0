package io.github.otaconnect.push;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the vendor's AMQP server-side subscription listens: {@code amqps://host:5671}. TLS only, as the
 * vendor refuses unencrypted AMQP; the port defaults to the one its Java example uses.
 */
public final class AmqpEndpoint {

    public static final int DEFAULT_PORT = 5671;

    private AmqpEndpoint() {
    }

    /**
     * @throws IllegalArgumentException naming what is wrong, without echoing anything but the scheme
     */
    public static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI (expected amqps://host[:port])");
        }
        if (!"amqps".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected amqps://host[:port]; the vendor accepts TLS connections only");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("must not contain user info: the login is signed with the AccessKey pair");
        }
        return URI.create("amqps://" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT));
    }

    /**
     * The endpoint of an IoT instance, as the console shows it for instances with an ID. Not confirmed by the
     * vendor pages read for this project (see the README): set the endpoint explicitly if it differs.
     */
    public static URI forInstance(String iotInstanceId) {
        return URI.create("amqps://" + iotInstanceId + ".amqp.iothub.aliyuncs.com:" + DEFAULT_PORT);
    }
}
