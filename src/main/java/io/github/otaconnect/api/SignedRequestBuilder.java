package io.github.otaconnect.api;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Adds the common parameters to an action's parameters, signs them and builds the URI. Called once per
 * attempt: the vendor rejects a reused {@code SignatureNonce}, and a retry after a long backoff needs a
 * current {@code Timestamp}.
 */
final class SignedRequestBuilder {

    static final String API_VERSION = "2018-01-20";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final ClientSettings settings;

    SignedRequestBuilder(ClientSettings settings) {
        this.settings = settings;
    }

    SignedRequest build(String action, Map<String, String> actionParameters) {
        SortedMap<String, String> params = new TreeMap<>(actionParameters);
        putCommon(params, "Action", action);
        putCommon(params, "Version", API_VERSION);
        putCommon(params, "Format", "JSON");
        putCommon(params, "AccessKeyId", settings.credentials().accessKeyId());
        putCommon(params, "SignatureMethod", RequestSigner.SIGNATURE_METHOD);
        putCommon(params, "SignatureVersion", RequestSigner.SIGNATURE_VERSION);
        putCommon(params, "SignatureNonce", UUID.randomUUID().toString());
        putCommon(params, "Timestamp", TIMESTAMP.format(settings.clock().instant()));
        if (settings.regionId() != null) {
            putCommon(params, "RegionId", settings.regionId());
        }
        if (settings.credentials().securityToken() != null) {
            putCommon(params, "SecurityToken", settings.credentials().securityToken());
        }
        if (settings.iotInstanceId() != null) {
            putCommon(params, "IotInstanceId", settings.iotInstanceId());
        }
        String signature = RequestSigner.sign("GET", params, settings.credentials().accessKeySecret());
        URI uri = URI.create(settings.endpoint() + "?" + RequestSigner.canonicalQuery(params)
                + "&Signature=" + RequestSigner.percentEncode(signature));
        params.put("Signature", signature);
        return new SignedRequest(action, uri, Collections.unmodifiableSortedMap(params));
    }

    private static void putCommon(Map<String, String> params, String name, String value) {
        if (params.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("the action parameters must not set the common parameter " + name);
        }
    }
}
