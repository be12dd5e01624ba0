package io.github.otaconnect.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.otaconnect.source.ConnectorVersion;

/**
 * End-to-end benchmark of the connector's scanning: the real API client and job scanner against the OTA API
 * simulator on loopback, on real time, with the vendor's per-action limit enforced by the simulator. Each
 * scenario prints a table; all of them go to one JSON file together with the targets they are judged by.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.otaconnect.benchmark.ScanBenchmark -Dexec.args="[scenario...] [--option value...]"
 * </pre>
 * Scenarios: {@code first-read multi-task steady-state cost-growth cost-table} (the default) and
 * {@code memory}, or {@code all}; {@code --help} lists the options and their defaults.
 */
public final class ScanBenchmark {

    private ScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(BenchmarkOptions.usage());
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    /** What every scenario's result can do: print its tables, and say how it fares against its targets. */
    interface ScenarioResult {
        void print(PrintStream out);

        List<Target> targets();
    }

    /** Runs the chosen scenarios, prints their tables and the targets, writes the JSON file; returns its content. */
    static Map<String, Object> run(BenchmarkOptions options, PrintStream out) throws InterruptedException, IOException {
        Map<String, ScenarioResult> results = new LinkedHashMap<>();
        List<Target> targets = new ArrayList<>();
        Instant started = Instant.now();
        out.println("ScanBenchmark: scenarios " + options.scenarios() + ", connector " + ConnectorVersion.get());
        for (String scenario : options.scenarios()) {
            long scenarioStart = System.nanoTime();
            ScenarioResult result = switch (scenario) {
                case BenchmarkOptions.FIRST_READ -> FirstReadScenario.run(options, out);
                case BenchmarkOptions.MULTI_TASK -> MultiTaskScenario.run(options, out);
                case BenchmarkOptions.STEADY_STATE -> SteadyStateScenario.run(options, out);
                case BenchmarkOptions.COST_GROWTH -> CostGrowthScenario.run(options, out);
                case BenchmarkOptions.COST_TABLE -> CostTableScenario.run(options, out);
                case BenchmarkOptions.MEMORY -> MemoryScenario.run(options, out);
                case BenchmarkOptions.PUSH_TABLE -> PushTableScenario.run(options, out);
                default -> throw new IllegalArgumentException("no scenario " + scenario);
            };
            results.put(scenario, result);
            targets.addAll(result.targets());
            result.print(out);
            out.printf(Locale.ROOT, "[%s] done in %.0f s%n%n", scenario, (System.nanoTime() - scenarioStart) / 1e9);
            // after every scenario, so that a long run that fails later keeps what it measured
            write(options, started, results, targets);
        }
        out.println();
        out.println("======== summary ========");
        results.values().forEach(result -> result.print(out));
        TextTable summary = new TextTable("scenario", "target", "measured", "met");
        for (Target target : targets) {
            summary.row(target.scenario(), target.target(), target.measured(),
                    target.met() == null ? "(reported)" : target.met() ? "yes" : "NO");
        }
        summary.print(out);
        Map<String, Object> document = write(options, started, results, targets);
        out.println("results written to " + Path.of(options.out()).toAbsolutePath());
        return document;
    }

    private static Map<String, Object> write(BenchmarkOptions options, Instant started,
                                             Map<String, ScenarioResult> results, List<Target> targets)
            throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("startedAt", started.toString());
        document.put("finishedAt", Instant.now().toString());
        document.put("connectorVersion", ConnectorVersion.get());
        document.put("jvm", Map.of("version", System.getProperty("java.version"),
                "vendor", System.getProperty("java.vendor"),
                "processors", Runtime.getRuntime().availableProcessors(),
                "maxHeapMiB", JvmMeter.mib(Runtime.getRuntime().maxMemory()),
                "inputArguments", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        document.put("options", new TreeMap<>(options.values()));
        document.put("targets", targets);
        document.put("results", results);
        Path file = Path.of(options.out()).toAbsolutePath();
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
        return document;
    }
}
