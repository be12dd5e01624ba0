package io.github.otaconnect.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Confluent Hub component archive that {@code mvn package} builds. */
class ArchiveLayoutIT {

    /** Jars a Connect worker already has: shipping them in lib/ invites class-loading conflicts. */
    private static final List<String> WORKER_PROVIDED_PREFIXES = List.of(
            "connect-api-", "connect-runtime-", "connect-json-", "connect-transforms-", "kafka-clients-",
            "slf4j-", "log4j-", "reload4j-");

    private static String version;
    private static String top;
    private static ZipFile archive;
    private static Set<String> files;

    @BeforeAll
    static void openArchive() throws IOException {
        version = BuildLayout.projectVersion();
        top = BuildLayout.componentFolder(version) + "/";
        Path zip = BuildLayout.componentArchive(version);
        assertTrue(Files.isRegularFile(zip), zip + " is missing: it is built in the package phase");
        archive = new ZipFile(zip.toFile());
        files = new TreeSet<>();
        archive.stream().filter(entry -> !entry.isDirectory()).forEach(entry -> files.add(entry.getName()));
    }

    @AfterAll
    static void closeArchive() throws IOException {
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void everythingIsInOneVersionedFolderWithTheFourParts() {
        List<String> misplaced = files.stream()
                .filter(name -> !name.equals(top + "manifest.json"))
                .filter(name -> Stream.of("lib/", "etc/", "doc/").noneMatch(part -> name.startsWith(top + part)))
                .toList();

        assertEquals(List.of(), misplaced);
    }

    @Test
    void manifestAtTheTopCarriesTheBuildsVersion() throws IOException {
        ZipEntry entry = archive.getEntry(top + "manifest.json");
        assertTrue(entry != null, "no manifest.json in " + top);
        JsonNode manifest;
        try (InputStream in = archive.getInputStream(entry)) {
            manifest = new ObjectMapper().readTree(in);
        }

        assertEquals(version, manifest.path("version").asText());
        assertEquals(BuildLayout.COMPONENT_NAME, manifest.path("name").asText());
        assertEquals(BuildLayout.COMPONENT_OWNER, manifest.path("owner").path("username").asText());
    }

    @Test
    void libHoldsTheConnectorAndJacksonButNothingTheWorkerProvides() {
        Set<String> jars = namesUnder("lib/");

        assertTrue(jars.contains(BuildLayout.ARTIFACT_ID + "-" + version + ".jar"), jars.toString());
        for (String jackson : List.of("jackson-databind-", "jackson-core-", "jackson-annotations-")) {
            assertTrue(jars.stream().anyMatch(jar -> jar.startsWith(jackson) && jar.endsWith(".jar")),
                    jackson + " missing from " + jars);
        }
        List<String> provided = jars.stream()
                .filter(jar -> WORKER_PROVIDED_PREFIXES.stream().anyMatch(jar::startsWith))
                .toList();
        assertEquals(List.of(), provided, "jars the worker provides");
        assertTrue(jars.stream().noneMatch(jar -> jar.endsWith("-tests.jar")), "test jar shipped: " + jars);
    }

    @Test
    void etcHoldsTheExampleConfigs() throws IOException {
        Set<String> examples = new TreeSet<>();
        try (Stream<Path> config = Files.list(BuildLayout.projectDir().resolve("config"))) {
            config.filter(Files::isRegularFile).forEach(file -> examples.add(file.getFileName().toString()));
        }

        assertTrue(examples.contains("ota-source.properties"), examples.toString());
        assertEquals(examples, namesUnder("etc/"));
    }

    @Test
    void docHoldsTheLicenseTheReadmeAndTheSchemas() throws IOException {
        Set<String> docs = namesUnder("doc/");

        assertTrue(docs.contains("LICENSE"), docs.toString());
        // The README and the .avsc schemas are shipped whenever the project has them
        assertEquals(Files.isRegularFile(BuildLayout.projectDir().resolve("README.md")), docs.contains("README.md"),
                "doc/README.md should mirror the project's README.md: " + docs);
        Path avro = BuildLayout.projectDir().resolve("src/main/avro");
        if (Files.isDirectory(avro)) {
            try (Stream<Path> schemas = Files.walk(avro)) {
                schemas.filter(file -> file.toString().endsWith(".avsc")).forEach(schema ->
                        assertTrue(files.contains(top + "doc/" + avro.relativize(schema).toString().replace('\\', '/')),
                                schema + " missing from doc/"));
            }
        }
    }

    /** File names directly or indirectly under a part of the archive, relative to that part. */
    private static Set<String> namesUnder(String part) {
        String prefix = top + part;
        Set<String> names = new TreeSet<>();
        files.stream().filter(name -> name.startsWith(prefix)).forEach(name -> names.add(name.substring(prefix.length())));
        return names;
    }
}
