package io.github.otaconnect.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Where the project and its build output are, and the version being built.
 * Failsafe passes {@code project.version} and {@code project.build.directory}; Surefire and IDEs
 * do not, so the fallbacks read them from the project directory itself.
 */
final class BuildLayout {

    static final String COMPONENT_OWNER = "otaconnect";
    static final String COMPONENT_NAME = "kafka-connect-alibaba-iot-ota";
    static final String ARTIFACT_ID = "kafka-connect-alibaba-iot-ota";

    private BuildLayout() {
    }

    static Path projectDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    static Path buildDir() {
        String fromMaven = System.getProperty("project.build.directory");
        return fromMaven != null && !fromMaven.isBlank() ? Path.of(fromMaven) : projectDir().resolve("target");
    }

    static String projectVersion() {
        String fromMaven = System.getProperty("project.version");
        if (fromMaven != null && !fromMaven.isBlank() && !fromMaven.startsWith("${")) {
            return fromMaven;
        }
        return versionInPom(projectDir().resolve("pom.xml"));
    }

    /** The archive's top folder, which is also the zip's name without ".zip". */
    static String componentFolder(String version) {
        return COMPONENT_OWNER + "-" + COMPONENT_NAME + "-" + version;
    }

    static Path componentArchive(String version) {
        return buildDir().resolve("components").resolve("packages").resolve(componentFolder(version) + ".zip");
    }

    /** The manifest as maven-resources-plugin filtered it (process-resources). */
    static Path filteredManifest() {
        return buildDir().resolve("component").resolve("manifest.json");
    }

    private static String versionInPom(Path pom) {
        if (!Files.isRegularFile(pom)) {
            throw new IllegalStateException("No pom.xml at " + pom + "; run the tests from the project directory");
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(pom.toFile());
            // The project's own <version>, a direct child of <project> (not the parent's or a plugin's)
            for (Node child = document.getDocumentElement().getFirstChild(); child != null;
                    child = child.getNextSibling()) {
                if ("version".equals(child.getNodeName())) {
                    return child.getTextContent().trim();
                }
            }
            throw new IllegalStateException("pom.xml has no project version");
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the version from " + pom, e);
        }
    }
}
