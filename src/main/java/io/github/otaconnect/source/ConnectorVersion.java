package io.github.otaconnect.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The connector's version, taken from the build (a Maven-filtered resource), never a literal. */
public final class ConnectorVersion {

    private static final String RESOURCE = "/io/github/otaconnect/version.properties";
    private static final String VERSION = load();

    private ConnectorVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ConnectorVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown").trim();
            // An unfiltered resource (an IDE build that skipped Maven) still says ${project.version}.
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
