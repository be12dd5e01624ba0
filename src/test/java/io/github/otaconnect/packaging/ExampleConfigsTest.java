package io.github.otaconnect.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.otaconnect.source.OtaSourceConnector;
import io.github.otaconnect.source.OtaSourceConnectorConfig;

/** Every file of {@code config/} parses, and the connector examples use only real configuration keys. */
class ExampleConfigsTest {

    private static final String CONNECTOR_CLASS = OtaSourceConnector.class.getName();

    private static final Set<String> CREDENTIAL_KEYS =
            Set.of("ota.access.key.id", "ota.access.key.secret", "ota.security.token");

    /** Connect's ConfigTransformer syntax: ${provider:[path:]key}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*?):(?:([^}]*?):)?([^}]*?)}");

    private static final String WORKER_WITH_PROVIDERS = "connect-distributed-config-provider.properties";

    static Path configDir() {
        return BuildLayout.projectDir().resolve("config");
    }

    static List<ExampleConfig> examples() {
        try (Stream<Path> files = Files.list(configDir())) {
            List<ExampleConfig> examples = new ArrayList<>();
            for (Path file : files.filter(ExampleConfig::isExample).sorted().toList()) {
                examples.add(ExampleConfig.load(file));
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<ExampleConfig> connectorExamples() {
        return examples().stream().filter(ExampleConfig::isConnectorConfig);
    }

    static Stream<ExampleConfig> workerExamples() {
        return examples().stream().filter(ExampleConfig::isWorkerConfig);
    }

    @Test
    void theDocumentedExamplesAreThere() {
        Set<String> names = new TreeSet<>();
        examples().forEach(example -> names.add(example.fileName()));

        assertTrue(names.containsAll(List.of("connect-standalone.properties", "ota-source.properties",
                "ota-source-avro.json", "ota-source-json.json", "ota-source-config-provider.json",
                "ota-source-env-provider.json", WORKER_WITH_PROVIDERS)), names.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectorExamples")
    void namesTheConnectorClass(ExampleConfig example) {
        assertEquals(CONNECTOR_CLASS, example.settings().get(ExampleConfig.CONNECTOR_CLASS_KEY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectorExamples")
    void usesOnlyKeysTheConnectorDefines(ExampleConfig example) {
        Set<String> defined = OtaSourceConnectorConfig.configDef().names();
        List<String> unknown = connectorKeys(example).stream().filter(key -> !defined.contains(key)).toList();

        assertEquals(List.of(), unknown, "keys the connector does not define");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectorExamples")
    void passesTheConnectorsConfigDef(ExampleConfig example) {
        List<String> errors = new ArrayList<>();
        for (ConfigValue value : OtaSourceConnectorConfig.configDef().validate(withPlaceholdersResolved(example.settings()))) {
            value.errorMessages().forEach(message -> errors.add(value.name() + ": " + message));
        }
        assertEquals(List.of(), errors);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectorExamples")
    void createsCompactedTopics(ExampleConfig example) {
        Map<String, String> settings = example.settings();

        assertEquals("compact", settings.get("topic.creation.default.cleanup.policy"));
        assertTrue(Integer.parseInt(settings.get("topic.creation.default.replication.factor")) >= -1);
        assertTrue(Integer.parseInt(settings.get("topic.creation.default.partitions")) >= -1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectorExamples")
    void holdsOnlyPlaceholderCredentials(ExampleConfig example) {
        assertTrue(example.settings().containsKey("ota.access.key.id"));
        assertTrue(example.settings().containsKey("ota.access.key.secret"));
        for (String key : CREDENTIAL_KEYS) {
            String value = example.settings().get(key);
            if (value != null) {
                assertTrue(value.startsWith("YOUR_") || PLACEHOLDER.matcher(value).matches(),
                        key + " must be a YOUR_... placeholder or a config provider reference");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workerExamples")
    void workersLoadPluginsFromAPluginPath(ExampleConfig example) {
        String pluginPath = example.settings().get("plugin.path");

        assertNotNull(pluginPath, "plugin.path");
        assertFalse(pluginPath.isBlank(), "plugin.path");
    }

    @Test
    void everyConfigProviderReferenceResolvesAgainstTheWorkerExample() throws IOException {
        Map<String, String> worker = ExampleConfig.load(configDir().resolve(WORKER_WITH_PROVIDERS)).settings();
        Set<String> aliases = Set.of(worker.getOrDefault("config.providers", "").split("\\s*,\\s*"));
        List<String> allowedPaths = Arrays.stream(
                worker.getOrDefault("config.providers.file.param.allowed.paths", "").split("\\s*,\\s*"))
                .filter(path -> !path.isBlank()).toList();

        int references = 0;
        for (ExampleConfig example : connectorExamples().toList()) {
            for (String value : example.settings().values()) {
                Matcher reference = PLACEHOLDER.matcher(value);
                while (reference.find()) {
                    references++;
                    String alias = reference.group(1);
                    assertTrue(aliases.contains(alias), example + ": provider '" + alias + "' not declared");
                    assertNotNull(worker.get("config.providers." + alias + ".class"), alias + " has no class");
                    if ("file".equals(alias)) {
                        assertFileReferenceResolves(example, reference.group(2), reference.group(3), allowedPaths);
                    }
                }
            }
        }
        assertTrue(references > 0, "no example uses a config provider");
    }

    /** The referenced file is one of the examples (by name) and holds the key; its path is allowed. */
    private static void assertFileReferenceResolves(ExampleConfig example, String path, String key,
            List<String> allowedPaths) throws IOException {
        assertNotNull(path, example + ": ${file:...} needs a path");
        Path secrets = configDir().resolve(Path.of(path).getFileName());
        assertTrue(Files.isRegularFile(secrets), example + ": no example file " + secrets.getFileName());
        assertTrue(ExampleConfig.load(secrets).settings().containsKey(key), secrets + " has no " + key);
        if (!allowedPaths.isEmpty()) {
            assertTrue(allowedPaths.stream().anyMatch(allowed -> Path.of(path).startsWith(allowed)),
                    path + " is outside config.providers.file.param.allowed.paths " + allowedPaths);
        }
    }

    private static List<String> connectorKeys(ExampleConfig example) {
        return example.settings().keySet().stream()
                .filter(key -> key.startsWith("ota.") || key.equals("topic.prefix") || key.equals("poll.interval.ms"))
                .sorted()
                .toList();
    }

    /** The worker would substitute ${...} references; stand in a dummy value so validators see a string. */
    private static Map<String, String> withPlaceholdersResolved(Map<String, String> settings) {
        Map<String, String> resolved = new HashMap<>();
        settings.forEach((key, value) -> resolved.put(key, PLACEHOLDER.matcher(value).replaceAll("placeholder-value")));
        return resolved;
    }
}
