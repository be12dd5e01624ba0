package io.github.otaconnect.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;

import io.github.otaconnect.api.Credentials;
import io.github.otaconnect.push.PushSettings;

/** Builds push settings (a task's, or the connector's for discovery) from the connector configuration. */
final class PushSettingsFactory {

    private PushSettingsFactory() {
    }

    /** A task's: the consumer group at its index. */
    static PushSettings forTask(OtaSourceTaskConfig config) {
        String group = config.pushConsumerGroups().get(config.taskIndex() % config.pushConsumerGroups().size());
        return create(config, group, config.connectorName(), Integer.toString(config.taskIndex()));
    }

    /** The connector's own, for job status messages that start discovery. */
    static PushSettings forDiscovery(OtaSourceConnectorConfig config, String connectorName) {
        return create(config, config.pushDiscoveryConsumerGroup(), connectorName, "discovery");
    }

    private static PushSettings create(OtaSourceConnectorConfig config, String group, String connectorName,
                                       String suffix) {
        String token = config.securityToken() == null ? null : config.securityToken().value();
        Credentials credentials = new Credentials(config.accessKeyId(), config.accessKeySecret().value(), token);
        // The vendor allows 64 characters; the connector name is cut so the suffix always fits.
        String clientId = truncate(config.pushClientIdPrefix() + "-" + connectorName, 63 - suffix.length()) + "-"
                + suffix;
        return new PushSettings(config.pushEndpoint(), credentials, group, clientId, config.iotInstanceId(),
                PushSettings.DEFAULT_ADDRESS, config.pushIdleTimeout(), config.pushReconnectBackoffMax(),
                sslContext(config.pushTruststoreLocation(), config.pushTruststorePassword()));
    }

    private static SSLContext sslContext(String location, Password password) {
        if (location == null) {
            return null;
        }
        String type = location.toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore trust = KeyStore.getInstance(type);
            trust.load(in, password == null ? null : password.value().toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            // The message names the file and the failure, never the password.
            throw new ConnectException("Cannot read the AMQP trust store " + location + " (" + type + "): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
