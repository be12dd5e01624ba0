package io.github.otaconnect.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The jars of Apache Kafka's broker and Connect worker, which {@code quickstart/pom.xml} gathers from Maven
 * into {@code target/quickstart/kafka-runtime/} — the stand-in for an unpacked Kafka download. Gathered
 * again when that pom changes. Nothing of the connector is in there: the worker must find it through
 * {@code plugin.path}, as in production.
 */
public final class KafkaDistribution {

    private static final String MARKER = ".quickstart-pom.sha256";
    private static final long MAVEN_TIMEOUT_MINUTES = 10;

    private KafkaDistribution() {
    }

    /** Whether the jars are there and gathered from the current pom, so {@link #ensure} returns at once. */
    public static boolean isCurrent(Path projectDir) {
        return sha256(pom(projectDir)).equals(readMarker(folder(projectDir)));
    }

    /** The folder of jars, gathering them first when they are missing or out of date. */
    public static Path ensure(Path projectDir) {
        Path pom = pom(projectDir);
        Path target = folder(projectDir);
        String pomHash = sha256(pom);
        if (pomHash.equals(readMarker(target))) {
            return target;
        }
        Path staging = target.resolveSibling("kafka-runtime.tmp-" + ProcessHandle.current().pid());
        try {
            FolderRemoval.removeTree(staging);
            Files.createDirectories(staging);
            runMaven(projectDir, pom, staging);
            Files.writeString(staging.resolve(MARKER), pomHash, StandardCharsets.UTF_8);
            FolderRemoval.removeTree(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another quickstart gathered the same jars meanwhile: theirs will do
            if (!pomHash.equals(readMarker(target))) {
                throw new UncheckedIOException("cannot gather the Kafka jars into " + target, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gather the Kafka jars into " + target, e);
        } finally {
            deleteQuietly(staging);
        }
        return target;
    }

    private static Path pom(Path projectDir) {
        return projectDir.resolve("quickstart").resolve("pom.xml");
    }

    private static Path folder(Path projectDir) {
        return projectDir.resolve("target").resolve("quickstart").resolve("kafka-runtime");
    }

    /** Offline first, as everything is usually in the local repository already; online when it is not. */
    private static void runMaven(Path projectDir, Path pom, Path output) throws IOException {
        List<String> goal = List.of("-B", "-q", "-f", pom.toString(), "dependency:copy-dependencies",
                "-DoutputDirectory=" + output, "-Dstyle.color=never");
        Path log = output.resolveSibling(output.getFileName() + ".maven.log");
        try {
            if (maven(projectDir, prepend("-o", goal), log) == 0) {
                return;
            }
            if (maven(projectDir, goal, log) == 0) {
                return;
            }
            throw new IllegalStateException("Maven could not gather the Kafka jars (" + pom + "):\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static int maven(Path projectDir, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("mvn");
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(projectDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // A quickstart stopped meanwhile (Ctrl-C) must not leave Maven running on its own
        Thread stopMaven = new Thread(process::destroyForcibly, "stop-maven");
        Runtime.getRuntime().addShutdownHook(stopMaven);
        try {
            if (!process.waitFor(MAVEN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("Maven took longer than " + MAVEN_TIMEOUT_MINUTES
                        + " minutes to gather the Kafka jars");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Maven gathered the Kafka jars", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopMaven);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
        return process.exitValue();
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static String readMarker(Path dir) {
        Path marker = dir.resolve(MARKER);
        try {
            return Files.isRegularFile(marker) ? Files.readString(marker, StandardCharsets.UTF_8).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FolderRemoval.removeTree(dir);
        } catch (IOException e) {
            // a leftover staging folder under target/ is harmless
        }
    }
}
