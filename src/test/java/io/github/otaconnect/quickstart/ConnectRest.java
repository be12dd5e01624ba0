package io.github.otaconnect.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The few calls of Kafka Connect's REST API that the quickstart and its tests make. */
public final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int CONFLICT_RETRIES = 20;

    private final URI base;
    private final HttpClient http;

    public ConnectRest(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    public URI base() {
        return base;
    }

    /** {@code GET /health} answers 200 once the worker has joined its group and can take requests. */
    public boolean isHealthy() {
        try {
            return send(HttpRequest.newBuilder(base.resolve("health")).GET()).statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** The connector plugins the worker found, each with {@code class}, {@code type} and {@code version}. */
    public List<JsonNode> connectorPlugins() {
        JsonNode plugins = readOk(send(HttpRequest.newBuilder(base.resolve("connector-plugins")).GET()),
                "list the connector plugins");
        List<JsonNode> result = new ArrayList<>();
        plugins.forEach(result::add);
        return result;
    }

    public Optional<JsonNode> pluginOf(String connectorClass) {
        return connectorPlugins().stream()
                .filter(plugin -> connectorClass.equals(plugin.path("class").asText()))
                .findFirst();
    }

    /**
     * Creates or updates a connector. A worker that is rebalancing answers 409 for a moment (typically
     * right after it started), so that is retried.
     */
    public void putConnectorConfig(String name, Map<String, String> config) {
        String body;
        try {
            body = JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(connectorUri(name, "config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(request);
            if (response.statusCode() == 409 && attempt < CONFLICT_RETRIES) {
                pause(Duration.ofMillis(500));
                continue;
            }
            readOk(response, "deploy connector " + name);
            return;
        }
    }

    /** {@code GET /connectors/<name>/status}; empty while the connector does not exist (yet). */
    public Optional<JsonNode> connectorStatus(String name) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(connectorUri(name, "status")).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(readOk(response, "read the status of connector " + name));
    }

    /** Deletes a connector; one that does not exist is fine. */
    public void deleteConnector(String name) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(connectorUri(name, "")).DELETE());
        if (response.statusCode() != 404) {
            readOk(response, "delete connector " + name);
        }
    }

    private URI connectorUri(String name, String sub) {
        return base.resolve("connectors/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                + (sub.isEmpty() ? "" : "/" + sub));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka Connect at " + base + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Kafka Connect at " + base, e);
        }
    }

    private static JsonNode readOk(HttpResponse<String> response, String what) {
        JsonNode body;
        try {
            body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.getNodeFactory().textNode(response.body());
        }
        if (response.statusCode() / 100 != 2) {
            String message = body.has("message") ? body.get("message").asText() : body.toString();
            throw new IllegalStateException("Kafka Connect refused to " + what + " (HTTP " + response.statusCode()
                    + "): " + message);
        }
        return body;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
