package io.github.otaconnect.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Confluent Hub manifest: its source at the project root and the copy the build filters. */
class ManifestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sourceManifestTakesItsVersionFromTheBuild() throws IOException {
        JsonNode manifest = read(BuildLayout.projectDir().resolve("manifest.json"));

        assertEquals("${project.version}", manifest.path("version").asText(),
                "the version is filled in by the build, never written by hand");
    }

    @Test
    void describesTheConnectorAsAConfluentHubSourceComponent() throws IOException {
        JsonNode manifest = read(BuildLayout.projectDir().resolve("manifest.json"));

        assertEquals(BuildLayout.COMPONENT_NAME, manifest.path("name").asText());
        assertEquals(BuildLayout.COMPONENT_OWNER, manifest.path("owner").path("username").asText());
        assertEquals("organization", manifest.path("owner").path("type").asText());
        for (String field : List.of("title", "description")) {
            assertFalse(manifest.path(field).asText().isBlank(), field);
        }
        assertFalse(manifest.path("owner").path("name").asText().isBlank(), "owner.name");
        assertEquals(List.of("source"), texts(manifest.path("component_types")));
        assertFalse(texts(manifest.path("tags")).isEmpty(), "tags");
        assertFalse(texts(manifest.path("requirements")).isEmpty(), "requirements");

        JsonNode features = manifest.path("features");
        assertEquals(List.of("any"), texts(features.path("supported_encodings")));
        assertEquals(List.of("at_least_once", "exactly_once"), texts(features.path("delivery_guarantee")));
        for (String flag : List.of("single_message_transforms", "confluent_control_center_integration",
                "kafka_connect_api")) {
            assertTrue(features.path(flag).isBoolean() && features.path(flag).booleanValue(), "features." + flag);
        }

        JsonNode license = manifest.path("license");
        assertEquals(1, license.size());
        assertEquals("Apache License 2.0", license.get(0).path("name").asText());

        assertFalse(manifest.path("support").path("provider_name").asText().isBlank(), "support.provider_name");
        assertFalse(manifest.path("support").path("summary").asText().isBlank(), "support.summary");
    }

    @Test
    void everyLinkIsAnAbsoluteHttpsUrl() throws IOException {
        JsonNode manifest = read(BuildLayout.projectDir().resolve("manifest.json"));
        List<JsonNode> links = List.of(manifest.path("owner").path("url"), manifest.path("support").path("url"),
                manifest.path("license").path(0).path("url"), manifest.path("documentation_url"),
                manifest.path("source_url"));

        for (JsonNode link : links) {
            assertTrue(link.isTextual(), "missing link in " + manifest);
            assertEquals("https", URI.create(link.asText()).getScheme(), link.asText());
        }
    }

    @Test
    void filteredCopyCarriesTheProjectVersionAndNothingElseChanges() throws IOException {
        Path filtered = BuildLayout.filteredManifest();
        assertTrue(Files.isRegularFile(filtered),
                filtered + " is missing: it is made in the process-resources phase (mvn test does it)");
        JsonNode source = read(BuildLayout.projectDir().resolve("manifest.json"));
        JsonNode copy = read(filtered);

        assertEquals(BuildLayout.projectVersion(), copy.path("version").asText());
        ObjectNode expected = source.deepCopy();
        expected.set("version", TextNode.valueOf(BuildLayout.projectVersion()));
        assertEquals(expected, copy);
    }

    private static JsonNode read(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        assertTrue(node != null && node.isObject(), file + " is not a JSON object");
        return node;
    }

    private static List<String> texts(JsonNode array) {
        assertTrue(array.isArray(), "expected an array, got " + array);
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
