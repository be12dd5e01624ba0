package io.github.otaconnect.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One file of {@code config/} read the way Connect reads it: a properties file as properties, a
 * REST JSON file as its {@code config} object (all values strings, as the REST API expects).
 */
record ExampleConfig(Path file, Map<String, String> settings) {

    static final String CONNECTOR_CLASS_KEY = "connector.class";

    private static final ObjectMapper JSON = new ObjectMapper();

    static boolean isExample(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".properties") || name.endsWith(".json");
    }

    static ExampleConfig load(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".properties")) {
            return new ExampleConfig(file, readProperties(file));
        }
        if (name.endsWith(".json")) {
            return new ExampleConfig(file, readRestRequest(file));
        }
        throw new IllegalArgumentException("Not an example config: " + file);
    }

    boolean isConnectorConfig() {
        return settings.containsKey(CONNECTOR_CLASS_KEY);
    }

    boolean isWorkerConfig() {
        return settings.containsKey("bootstrap.servers");
    }

    String fileName() {
        return file.getFileName().toString();
    }

    @Override
    public String toString() {
        return fileName();
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        return settings;
    }

    private static Map<String, String> readRestRequest(Path file) throws IOException {
        JsonNode request = JSON.readTree(file.toFile());
        if (request == null || !request.path("name").isTextual() || !request.path("config").isObject()) {
            throw new IllegalArgumentException(file + " is not a POST /connectors body {\"name\": ..., \"config\": {...}}");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : request.path("config").properties()) {
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException(file + ": value of " + entry.getKey() + " is not a string");
            }
            settings.put(entry.getKey(), entry.getValue().textValue());
        }
        return settings;
    }
}
