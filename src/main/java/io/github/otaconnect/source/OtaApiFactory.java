package io.github.otaconnect.source;

import io.github.otaconnect.api.ApiCallListener;
import io.github.otaconnect.api.ClientSettings;
import io.github.otaconnect.api.Credentials;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaApiClient;

/** Builds the API client from the connector configuration. */
final class OtaApiFactory {

    private OtaApiFactory() {
    }

    static OtaApi create(OtaSourceConnectorConfig config, double qpsPerAction, ApiCallListener listener) {
        String token = config.securityToken() == null ? null : config.securityToken().value();
        ClientSettings settings = ClientSettings.builder()
                .endpoint(config.endpoint())
                .regionId(config.regionId())
                .iotInstanceId(config.iotInstanceId())
                .credentials(new Credentials(config.accessKeyId(), config.accessKeySecret().value(), token))
                .queriesPerSecond(qpsPerAction)
                .connectTimeout(config.connectTimeout())
                .requestTimeout(config.requestTimeout())
                .maxAttempts(config.retryMaxAttempts())
                .initialBackoff(config.retryBackoffInitial())
                .maxBackoff(config.retryBackoffMax())
                .build();
        return new OtaApiClient(settings, listener);
    }
}
