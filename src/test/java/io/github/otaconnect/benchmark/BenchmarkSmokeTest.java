package io.github.otaconnect.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.otaconnect.source.RecordPipelineBenchmark;

/**
 * Runs every benchmark once at toy sizes with the rate limits off, so that the harness keeps working as the
 * scanner changes. It checks that each scenario produced records and numbers, never how fast.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path dir;

    @Test
    void everyScenarioRunsAndWritesItsResults() throws Exception {
        Path out = dir.resolve("benchmark-results.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ScanBenchmark.run(BenchmarkOptions.parse("all",
                "--sim-qps", "0", "--budget", "1000", "--poll-interval-ms", "300", "--change-fraction", "0.05",
                "--first-read-tasks", "500",
                "--multi-jobs", "400,300,200,100", "--multi-seconds", "2",
                "--steady-tasks", "1000", "--steady-cycles", "2",
                "--cost-sizes", "200,500", "--cost-cycles", "1",
                "--table-rows", "idle:60,rollout:60,churn:400", "--table-poll-interval-ms", "300",
                "--table-cycles", "2", "--rollout-seconds", "1",
                "--memory-tasks", "2000", "--memory-scans", "1", "--memory-timeout-minutes", "2",
                "--out", out.toString()), new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertTrue(Files.exists(out), "results file written");
        JsonNode results = new ObjectMapper().readTree(out.toFile()).path("results");

        JsonNode firstRead = results.path("first-read");
        assertEquals(500, firstRead.path("taskRecords").asLong(), "the first read emits every task");
        assertTrue(firstRead.path("listCallsServed").asLong() > 0);
        assertTrue(firstRead.path("budgetUsePercent").isNumber());

        JsonNode multiTask = results.path("multi-task");
        assertEquals(4, multiTask.path("tasks").size(), "one run per task");
        assertTrue(multiTask.path("taskRecords").asLong() > 0);
        assertTrue(multiTask.path("budgetUsePercent").isNumber());

        JsonNode steady = results.path("steady-state");
        assertEquals(2, steady.path("cycles").size());
        assertEquals(1000, steady.path("firstRead").path("taskRecords").asLong());
        assertEquals(1000, steady.path("convergence").path("tasksChecked").asLong(), "the convergence check ran");
        assertTrue(steady.path("avgCallsPerCycle").isNumber());
        assertTrue(steady.path("latency").has("p99Ms"));

        JsonNode growth = results.path("cost-growth").path("rows");
        assertEquals(2, growth.size());
        assertTrue(growth.get(1).path("heapGrowthMiB").isNumber());

        JsonNode table = results.path("cost-table").path("rows");
        assertEquals(3, table.size(), "one row per --table-rows entry");
        for (JsonNode row : table) {
            for (String reader : new String[] {"connector", "fullReRead"}) {
                JsonNode convergence = row.path(reader).path("convergence");
                assertEquals(row.path("tasks").asLong(), convergence.path("tasksChecked").asLong());
                assertEquals(0, convergence.path("neverEmitted").asLong() + convergence.path("stale").asLong(),
                        row.path("label").asText() + ", " + reader + ": the latest state of every task reached the "
                                + "stream: " + convergence);
                assertTrue(row.path(reader).path("callsPerCycle").asDouble() > 0, reader + " read every cycle");
            }
            assertTrue(row.path("offsetsFirstRead").path("largestWriteBytes").asLong() > 0, "offsets measured");
        }
        JsonNode rollout = table.get(1);
        assertTrue(rollout.path("changesMade").asLong() > 0, "the rollout changed tasks");
        assertTrue(rollout.path("connector").path("lag").path("count").asLong() > 0, "the connector's lag measured");
        assertTrue(rollout.path("fullReRead").path("lag").path("count").asLong() > 0, "the re-reader's lag measured");

        JsonNode memory = results.path("memory");
        assertFalse(memory.path("scanner").isNull(), "the scanner's JVM reported: " + memory);
        assertEquals(2000, memory.path("scanner").path("taskRecords").asLong());
        assertTrue(memory.path("maxHeapAfterGcMiB").isNumber());

        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("summary"), "tables printed");
    }

    @Test
    void recordPipelineBenchmarkRunsOnce() throws Exception {
        RecordPipelineBenchmark benchmark = new RecordPipelineBenchmark();
        benchmark.setUp();
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        assertEquals(100, benchmark.parse().tasks().size());
        assertTrue(benchmark.pipeline(blackhole) > 100, "Avro bytes written for 100 records");
        blackhole.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }
}
