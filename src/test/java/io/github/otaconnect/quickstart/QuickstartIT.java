package io.github.otaconnect.quickstart;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code ./quickstart.sh} as a user runs it, on the archive and classes this build made: it must show records
 * from both topics and its connector connected to the simulator's push broker, and, once its duration is over,
 * leave no process and no work folder behind.
 */
class QuickstartIT {

    private static final Pattern RECORDS = Pattern.compile("records: jobs=(\\d+) tasks=(\\d+)");
    private static final Pattern PID = Pattern.compile("\\(pid (\\d+)\\)");
    private static final Pattern WORK = Pattern.compile("work folder (\\S+)");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);

    @Test
    void showsRecordsFromBothTopicsThenStopsEverythingItStarted() throws Exception {
        Path project = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path cache = Files.createDirectories(project.resolve("target").resolve("quickstart"));
        Path transcript = cache.resolve("quickstart-it-output.txt");
        seedClasspathCache(project, cache.resolve("test-classpath.txt"));
        // --no-build: failsafe runs after package, and a nested build would rewrite target/ under this run
        Process script = new ProcessBuilder("bash", project.resolve("quickstart.sh").toString(), "--no-build",
                "--duration", "20", "--refresh", "2", "--devices", "1000")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(transcript.toFile())
                .start();
        // Every process below the script, whenever seen: the JVMs it starts are short-lived or started late
        Set<ProcessHandle> seen = new HashSet<>();
        try {
            await().atMost(SCRIPT_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                script.descendants().forEach(seen::add);
                return !script.isAlive();
            });
        } finally {
            if (script.isAlive()) {
                script.destroy(); // SIGTERM: the script's trap stops what it started
                script.waitFor();
            }
        }
        String output = Files.readString(transcript, StandardCharsets.UTF_8);

        assertEquals(0, script.exitValue(), output);
        assertTrue(output.contains("the worker lists io.github.otaconnect.source.OtaSourceConnector"), output);
        long jobRecords = 0;
        long taskRecords = 0;
        Matcher records = RECORDS.matcher(output);
        while (records.find()) {
            jobRecords = Math.max(jobRecords, Long.parseLong(records.group(1)));
            taskRecords = Math.max(taskRecords, Long.parseLong(records.group(2)));
        }
        assertTrue(jobRecords > 0, "no job snapshot arrived:\n" + output);
        assertTrue(taskRecords > 0, "no task record arrived:\n" + output);
        assertTrue(output.contains("push: connected"),
                "the connector's task should hold a connection to the simulator's push broker:\n" + output);

        Set<Long> announced = new HashSet<>();
        PID.matcher(output).results().forEach(match -> announced.add(Long.parseLong(match.group(1))));
        assertTrue(announced.size() >= 3, "simulator, broker and worker should be announced:\n" + output);
        Set<Long> seenPids = new HashSet<>();
        seen.forEach(handle -> seenPids.add(handle.pid()));
        assertTrue(seenPids.containsAll(announced), "announced " + announced + ", seen " + seenPids);
        List<ProcessHandle> alive = seen.stream().filter(ProcessHandle::isAlive).toList();
        assertEquals(List.of(), alive, "still running after the quickstart ended");

        Matcher work = WORK.matcher(output);
        assertTrue(work.find(), output);
        assertFalse(Files.exists(Path.of(work.group(1))), "work folder left behind: " + work.group(1));
    }

    /**
     * The script asks Maven for the project's test classpath unless its cache file is newer than pom.xml. This
     * JVM runs on that very classpath, so the test writes the cache itself and spares a nested Maven run.
     */
    private static void seedClasspathCache(Path project, Path cacheFile) throws IOException {
        Path pom = project.resolve("pom.xml");
        if (Files.isRegularFile(cacheFile)
                && Files.getLastModifiedTime(cacheFile).compareTo(Files.getLastModifiedTime(pom)) > 0) {
            return;
        }
        Path target = project.resolve("target").toAbsolutePath();
        String jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath())
                .filter(entry -> !entry.startsWith(target) && entry.toString().endsWith(".jar"))
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        Files.writeString(cacheFile, jars, StandardCharsets.UTF_8);
    }
}
