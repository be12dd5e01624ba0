package io.github.otaconnect.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Installs the connector's component archive into a worker's {@code plugin.path}, as an operator unzips it. */
public final class ComponentArchive {

    private ComponentArchive() {
    }

    /**
     * Unzips {@code zip} into {@code pluginPath} and returns the plugin's folder (the archive's single top
     * folder, {@code <owner>-<name>-<version>}). Entries that would land outside {@code pluginPath} are refused.
     */
    public static Path unpack(Path zip, Path pluginPath) {
        Path root = pluginPath.toAbsolutePath().normalize();
        Path top = null;
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Files.createDirectories(root);
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root) || destination.equals(root)) {
                    throw new IllegalArgumentException(zip + " has an entry outside its folder: " + entry.getName());
                }
                Path first = root.resolve(root.relativize(destination).getName(0));
                if (top == null) {
                    top = first;
                } else if (!top.equals(first)) {
                    throw new IllegalArgumentException(zip + " has more than one top folder: " + top.getFileName()
                            + ", " + first.getFileName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, destination);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + " into " + pluginPath, e);
        }
        if (top == null) {
            throw new IllegalArgumentException(zip + " is empty");
        }
        return top;
    }
}
