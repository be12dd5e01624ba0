package io.github.otaconnect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Kafka Connect REST API as an operator uses it, so that the same test scenarios run against any
 * Connect cluster: the embedded one, or workers in front of a Testcontainers broker.
 */
final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConnectRestClient(URI base) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    }

    void putConfig(String connector, Map<String, String> config) {
        send("PUT", "connectors/" + connector + "/config", config, 200, 201);
    }

    void delete(String connector) {
        send("DELETE", "connectors/" + connector, null, 204, 404);
    }

    void stop(String connector) {
        send("PUT", "connectors/" + connector + "/stop", null, 202, 204);
    }

    void resume(String connector) {
        send("PUT", "connectors/" + connector + "/resume", null, 202, 204);
    }

    /** Restarts the connector and all its tasks ({@code POST /connectors/{name}/restart?includeTasks=true}). */
    void restart(String connector) {
        send("POST", "connectors/" + connector + "/restart?includeTasks=true", null, 200, 202, 204);
    }

    /** Restarts one task ({@code POST /connectors/{name}/tasks/{id}/restart}). */
    void restartTask(String connector, int task) {
        send("POST", "connectors/" + connector + "/tasks/" + task + "/restart", null, 200, 202, 204);
    }

    /** Restarts only what failed ({@code POST /connectors/{name}/restart?includeTasks=true&onlyFailed=true}). */
    void restartFailed(String connector) {
        send("POST", "connectors/" + connector + "/restart?includeTasks=true&onlyFailed=true", null, 200, 202, 204);
    }

    void resetOffsets(String connector) {
        send("DELETE", "connectors/" + connector + "/offsets", null, 200);
    }

    /** {@code GET /connectors/{name}/status}, or null while the connector is unknown. */
    JsonNode status(String connector) {
        return send("GET", "connectors/" + connector + "/status", null, 200, 404);
    }

    JsonNode config(String connector) {
        return send("GET", "connectors/" + connector + "/config", null, 200);
    }

    JsonNode offsets(String connector) {
        return send("GET", "connectors/" + connector + "/offsets", null, 200);
    }

    /** The task configs as the REST API shows them ({@code GET /connectors/{name}/tasks}). */
    List<Map<String, String>> taskConfigs(String connector) {
        JsonNode tasks = send("GET", "connectors/" + connector + "/tasks", null, 200);
        List<Map<String, String>> configs = new ArrayList<>();
        for (JsonNode task : tasks) {
            configs.add(JSON.convertValue(task.get("config"), JSON.getTypeFactory()
                    .constructMapType(Map.class, String.class, String.class)));
        }
        return configs;
    }

    /** The raw body of a GET, for checks that look at what the API exposes. */
    String getText(String path) {
        return request("GET", path, null).body();
    }

    /** The status code and raw body of a GET, whatever the status. */
    HttpResponse<String> get(String path) {
        return request("GET", path, null);
    }

    private JsonNode send(String method, String path, Object body, int... accepted) {
        HttpResponse<String> response = request(method, path, body);
        for (int status : accepted) {
            if (response.statusCode() == status) {
                try {
                    return response.statusCode() == 404 || response.body().isBlank() ? null
                            : JSON.readTree(response.body());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                + response.body());
    }

    private HttpResponse<String> request(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .method(method, publisher)
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
