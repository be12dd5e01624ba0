package io.github.otaconnect.benchmark;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.otaconnect.source.JobScannerBenchmark;

/**
 * The scanner alone in a JVM with a small heap, against a simulator in another JVM: scans one job back to
 * back and prints {@code RESULT <json>} with the largest heap any collection left behind, the largest heap
 * in use seen by a sampler, GC time, and whether it ran out of memory. An OutOfMemoryError on any thread
 * ends the run with what was measured up to then (exit code 3).
 *
 * <pre>MemoryScanChild --endpoint http://127.0.0.1:port/ --job ID [--scans 2] [--qps 0] [--page-size 100]</pre>
 */
public final class MemoryScanChild {

    private static final long SAMPLE_MS = 20;

    private final JvmMeter meter = new JvmMeter();
    private final AtomicLong maxHeapUsed = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final JvmMeter.Mark start = meter.mark();
    private final List<Map<String, Object>> scans = new ArrayList<>();
    private final ApiCallTally tally = new ApiCallTally();
    private volatile long taskRecords;
    private volatile long trackedTasks;
    private volatile boolean reported;

    private MemoryScanChild() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>(Map.of("scans", "2", "qps", "0", "page-size", "100"));
        for (int k = 0; k + 1 < args.length; k += 2) {
            options.put(args[k].replaceFirst("^--", ""), args[k + 1]);
        }
        MemoryScanChild child = new MemoryScanChild();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof OutOfMemoryError) {
                child.report(true, "OutOfMemoryError on thread " + thread.getName());
                Runtime.getRuntime().halt(3);
            }
            error.printStackTrace();
        });
        child.startSampler();
        boolean oom = false;
        String error = null;
        try {
            child.scan(URI.create(options.get("endpoint")), options.get("job"), Integer.parseInt(options.get("scans")),
                    Integer.parseInt(options.get("qps")), Integer.parseInt(options.get("page-size")));
        } catch (OutOfMemoryError e) {
            oom = true;
            error = "OutOfMemoryError: " + e.getMessage();
        } catch (RuntimeException e) {
            error = e.toString();
        }
        child.report(oom, error);
        System.exit(oom ? 3 : 0);
    }

    private void scan(URI endpoint, String jobId, int scanCount, int qps, int pageSize) throws InterruptedException {
        Map<String, String> props = SimulatedVendor.connectorProps(endpoint, List.of(jobId), pageSize,
                Duration.ofSeconds(10));
        double budget = qps <= 0 ? 100_000 : qps;
        try (JobScannerBenchmark scanner = new JobScannerBenchmark(props, budget, tally)) {
            RecordObserver observer = new RecordObserver(scanner.taskTopic());
            // kept up to date so that a run ending in OutOfMemoryError still says how far it got
            observer.afterEachChunk(() -> {
                taskRecords = observer.taskRecords();
                trackedTasks = scanner.trackedTasks();
            });
            ScanDriver driver = new ScanDriver(scanner, observer, tally, System.currentTimeMillis());
            for (int s = 0; s < scanCount; s++) {
                Cycle cycle = driver.scanNow(jobId);
                trackedTasks = scanner.trackedTasks();
                Map<String, Object> scan = new LinkedHashMap<>();
                scan.put("calls", cycle.calls());
                scan.put("wallSeconds", cycle.wallMs() / 1000.0);
                scan.put("taskRecords", cycle.taskRecords());
                scan.put("complete", cycle.complete());
                scan.put("error", cycle.error());
                scan.put("heapAfterGcMiB", JvmMeter.mib(meter.heapAfterGc()));
                scan.put("trackedTasks", trackedTasks);
                synchronized (scans) {
                    scans.add(scan);
                }
                System.err.println("scan " + (s + 1) + "/" + scanCount + ": " + scan);
            }
        }
    }

    private void startSampler() {
        Thread sampler = new Thread(() -> {
            try {
                while (true) {
                    maxHeapUsed.accumulateAndGet(meter.heapUsed(), Math::max);
                    Thread.sleep(SAMPLE_MS);
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void report(boolean oom, String error) {
        if (reported) {
            return;
        }
        reported = true;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("oom", oom);
        result.put("error", error);
        result.put("heapMaxMiB", JvmMeter.mib(meter.heapMax()));
        result.put("maxHeapAfterGcMiB", JvmMeter.mib(meter.maxHeapAfterGc()));
        result.put("maxHeapUsedSampledMiB", JvmMeter.mib(maxHeapUsed.get()));
        result.put("gcTimePercent", Math.round(meter.gcPercentSince(start) * 100) / 100.0);
        result.put("wallSeconds", Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0);
        result.put("taskRecords", taskRecords);
        result.put("trackedTasks", trackedTasks);
        result.put("clientCalls", tally.snapshot().byAction());
        result.put("collectors", meter.collectorNames());
        synchronized (scans) {
            result.put("scans", List.copyOf(scans));
        }
        try {
            System.out.println("RESULT " + new ObjectMapper().writeValueAsString(result));
        } catch (Exception | OutOfMemoryError e) {
            System.out.println("RESULT {\"oom\":" + oom + ",\"error\":\"result not serialisable\"}");
        }
        System.out.flush();
    }
}
