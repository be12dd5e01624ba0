package io.github.otaconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentArchiveTest {

    @TempDir
    Path dir;

    @Test
    void unpacksTheSingleTopFolderIntoThePluginPath() throws IOException {
        Path zip = zip("owner-name-1.0/", "owner-name-1.0/manifest.json", "owner-name-1.0/lib/connector.jar");

        Path plugin = ComponentArchive.unpack(zip, dir.resolve("plugins"));

        assertEquals(dir.resolve("plugins").resolve("owner-name-1.0").toAbsolutePath(), plugin);
        assertTrue(Files.isRegularFile(plugin.resolve("lib").resolve("connector.jar")));
        assertEquals("owner-name-1.0/lib/connector.jar", Files.readString(plugin.resolve("lib/connector.jar")));
    }

    @Test
    void refusesEntriesThatWouldLandOutsideThePluginPath() throws IOException {
        Path zip = zip("owner-name-1.0/manifest.json", "owner-name-1.0/../../escaped.txt");

        assertThrows(IllegalArgumentException.class, () -> ComponentArchive.unpack(zip, dir.resolve("plugins")));
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
    }

    @Test
    void refusesAnArchiveWithMoreThanOneTopFolder() throws IOException {
        Path zip = zip("one/manifest.json", "two/manifest.json");

        assertThrows(IllegalArgumentException.class, () -> ComponentArchive.unpack(zip, dir.resolve("plugins")));
    }

    /** A zip whose files hold their own names. */
    private Path zip(String... names) throws IOException {
        Path zip = dir.resolve("archive.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String name : names) {
                out.putNextEntry(new ZipEntry(name));
                if (!name.endsWith("/")) {
                    out.write(name.getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return zip;
    }
}
