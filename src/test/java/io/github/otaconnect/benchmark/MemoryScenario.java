package io.github.otaconnect.benchmark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The scanner's memory on a job as big as the API lets anyone read in full, with nothing else in its JVM:
 * the simulator runs in one child JVM ({@link SimulatorLauncher}), the scanner in another with a small heap
 * ({@link MemoryScanChild}). Reports the largest heap a collection left behind, GC time, and whether the
 * scanner ran out of memory.
 */
final class MemoryScenario {

    private static final Duration STARTUP = Duration.ofMinutes(5);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private MemoryScenario() {
    }

    /**
     * @param statusCounts  the job's tasks by status (no status may exceed 100,000 for a full read)
     * @param scanner       what the scanner's JVM reported (RESULT line), or null if it reported nothing
     * @param oom           the scanner ran out of memory (reported, or seen in its log)
     */
    record Result(int tasks, Map<String, Object> statusCounts, String scannerXmx, int scans, int qps, boolean oom,
                  Integer scannerExitCode, Double maxHeapAfterGcMiB, Double maxHeapUsedSampledMiB,
                  Double gcTimePercent, Double wallSeconds, Map<String, Object> scanner,
                  Map<String, Object> simulatorCalls, String error, String scannerLog, String simulatorLog)
            implements ScanBenchmark.ScenarioResult {

        @Override
        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "== memory: %,d tasks %s, scanner -Xmx%s, %d scans, qps %s%n", tasks,
                    statusCounts, scannerXmx, scans, qps == 0 ? "unlimited" : qps);
            new TextTable("OOM", "exit", "max heap after GC MiB", "max heap used (sampled) MiB", "GC %", "wall s",
                    "task records")
                    .row(oom, scannerExitCode, maxHeapAfterGcMiB, maxHeapUsedSampledMiB, gcTimePercent, wallSeconds,
                            scanner == null ? null : scanner.get("taskRecords"))
                    .print(out);
            if (scanner != null) {
                out.println("scans: " + scanner.get("scans"));
            }
            out.println("logs: " + scannerLog + ", " + simulatorLog + (error == null ? "" : "; error: " + error));
        }

        @Override
        public List<Target> targets() {
            return List.of(new Target(BenchmarkOptions.MEMORY, "scanner runs in -Xmx" + scannerXmx + " without OOM",
                    String.format(Locale.ROOT, "oom=%s, max heap after GC %s MiB, GC %s %%", oom, maxHeapAfterGcMiB,
                            gcTimePercent), !oom && error == null));
        }
    }

    static Result run(BenchmarkOptions options, PrintStream log) throws InterruptedException {
        Path logDir = Path.of(options.out()).toAbsolutePath().getParent().resolve("benchmark-logs");
        int tasks = options.memoryTasks();
        int qps = options.memoryQps();
        ObjectMapper json = new ObjectMapper();
        try (ChildJvm simulator = ChildJvm.start("memory-simulator", List.of("-Xmx" + options.memorySimulatorXmx()),
                SimulatorLauncher.class, List.of("--tasks", Integer.toString(tasks), "--qps", Integer.toString(qps),
                        "--seed", Long.toString(options.seed())), logDir)) {
            log.printf(Locale.ROOT, "[memory] starting the simulator with %,d tasks (log %s)...%n", tasks,
                    simulator.log());
            String ready = simulator.awaitLine("READY ", STARTUP);
            if (ready == null) {
                return failed(options, "the simulator did not start; see " + simulator.log(), simulator, null);
            }
            String[] parts = ready.split(" ", 3);
            String endpoint = parts[0];
            String jobId = parts[1];
            Map<String, Object> counts = parse(json, parts[2]);
            log.printf(Locale.ROOT, "[memory] job %s %s; scanning in -Xmx%s...%n", jobId, counts,
                    options.memoryXmx());
            List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + options.memoryXmx()));
            jvmOptions.addAll(options.memoryJvmArgs());
            try (ChildJvm scanner = ChildJvm.start("memory-scanner", jvmOptions,
                    MemoryScanChild.class, List.of("--endpoint", endpoint, "--job", jobId, "--scans",
                            Integer.toString(options.memoryScans()), "--qps", Integer.toString(qps),
                            "--page-size", Integer.toString(options.pageSize())), logDir)) {
                String resultLine = scanner.awaitLine("RESULT ", options.memoryTimeout());
                Integer exit = scanner.waitFor(Duration.ofSeconds(30));
                boolean oomInLog = scanner.logContains("OutOfMemoryError");
                simulator.send("stop");
                String calls = simulator.awaitLine("CALLS ", Duration.ofSeconds(30));
                Map<String, Object> result = resultLine == null ? null : parse(json, resultLine);
                boolean oom = oomInLog || (result != null && Boolean.TRUE.equals(result.get("oom")));
                String error = resultLine == null
                        ? (exit == null ? "no result within " + options.memoryTimeout().toMinutes() + " min"
                        : "the scanner's JVM exited with " + exit + " without a result")
                        : (String) result.get("error");
                return new Result(tasks, counts, options.memoryXmx(), options.memoryScans(), qps, oom, exit,
                        number(result, "maxHeapAfterGcMiB"), number(result, "maxHeapUsedSampledMiB"),
                        number(result, "gcTimePercent"), number(result, "wallSeconds"), result,
                        calls == null ? null : parse(json, calls), error, scanner.log().toString(),
                        simulator.log().toString());
            }
        }
    }

    private static Result failed(BenchmarkOptions options, String error, ChildJvm simulator, ChildJvm scanner) {
        return new Result(options.memoryTasks(), Map.of(), options.memoryXmx(), options.memoryScans(),
                options.memoryQps(), false, null, null, null, null, null, null, null, error,
                scanner == null ? null : scanner.log().toString(), simulator.log().toString());
    }

    private static Map<String, Object> parse(ObjectMapper json, String text) {
        try {
            return json.readValue(text, MAP);
        } catch (Exception e) {
            return Map.of("unparsed", text);
        }
    }

    private static Double number(Map<String, Object> result, String key) {
        return result != null && result.get(key) instanceof Number n ? n.doubleValue() : null;
    }
}
