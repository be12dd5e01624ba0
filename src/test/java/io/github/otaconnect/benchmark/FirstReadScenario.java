package io.github.otaconnect.benchmark;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.otaconnect.source.JobScannerBenchmark;

/**
 * The first read of one big job at the vendor's rate: how close the scanner gets to the budget (calls served
 * per second over the read, against the configured QPS) without being throttled.
 */
final class FirstReadScenario {

    private FirstReadScenario() {
    }

    /**
     * @param idealCalls        one job query plus ceil(tasks / page size) pages
     * @param callsServed       calls of every action the simulator answered with success
     * @param budgetUsePercent  ListOTATaskByJob calls served per second over the read, against the budget
     * @param heapGrowthMiB     heap after GC at the end minus before the scanner existed (the simulator's job is
     *                          in both)
     */
    record Result(int tasks, double budgetQps, int simulatorQps, long idealCalls, double wallSeconds,
                  Map<String, Map<String, Long>> simulatorCalls, long callsServed, long listCallsServed, long throttled,
                  double listCallsPerSecond, double budgetUsePercent, long taskRecords, boolean complete,
                  double heapAfterGcMiB, double heapGrowthMiB, double simulatorFootprintMiB, double gcTimePercent,
                  long trackedTasks, String error) implements ScanBenchmark.ScenarioResult {

        @Override
        public void print(PrintStream out) {
            out.println("== first-read: " + String.format(Locale.ROOT, "%,d", tasks) + " tasks, budget " + budgetQps
                    + " QPS/action, simulator limit " + simulatorQps);
            new TextTable("calls served", "list calls", "ideal", "throttled", "wall s", "list calls/s",
                    "budget use %", "task records", "complete", "heap after GC MiB", "growth MiB", "GC %")
                    .row(callsServed, listCallsServed, idealCalls, throttled, wallSeconds, listCallsPerSecond,
                            budgetUsePercent, taskRecords, complete, heapAfterGcMiB, heapGrowthMiB, gcTimePercent)
                    .print(out);
            out.println("calls by action and outcome (simulator): " + simulatorCalls
                    + (error == null ? "" : "; error: " + error));
        }

        @Override
        public List<Target> targets() {
            return List.of(new Target(BenchmarkOptions.FIRST_READ,
                    "budget use >= 95 % with zero throttling",
                    String.format(Locale.ROOT, "%.1f %% budget use, %d throttled, %d calls (ideal %d), %.1f s",
                            budgetUsePercent, throttled, callsServed, idealCalls, wallSeconds),
                    budgetUsePercent >= 95.0 && throttled == 0));
        }
    }

    static Result run(BenchmarkOptions options, PrintStream log) throws InterruptedException {
        int tasks = options.firstReadTasks();
        try (JvmMeter meter = new JvmMeter();
             SimulatedVendor vendor = new SimulatedVendor(options.simulatorQps(), options.seed())) {
            String jobId = vendor.addJob(SimulatedVendor.runningJob(tasks, options.terminalFraction(),
                    options.firstReadChangeRate(), options.seed()));
            long baseline = meter.heapAfterGc();
            ApiCallTally tally = new ApiCallTally();
            try (JobScannerBenchmark scanner = new JobScannerBenchmark(vendor.connectorProps(List.of(jobId), options),
                    options.budget(), tally)) {
                RecordObserver observer = new RecordObserver(scanner.taskTopic());
                ScanDriver driver = new ScanDriver(scanner, observer, tally, System.currentTimeMillis());
                log.printf(Locale.ROOT, "[first-read] reading %,d tasks at %.1f QPS...%n", tasks, options.budget());
                CallCount before = vendor.calls();
                JvmMeter.Mark mark = meter.mark();
                Cycle scan = driver.scanNow(jobId);
                double gcPercent = meter.gcPercentSince(mark);
                CallCount served = vendor.calls().minus(before);
                long heap = meter.heapAfterGc();
                double seconds = scan.wallMs() / 1000.0;
                long listServed = served.count(CallCount.LIST_TASKS, CallCount.SUCCESS);
                double perSecond = seconds > 0 ? listServed / seconds : 0;
                long ideal = 1 + (tasks + options.pageSize() - 1) / options.pageSize();
                return new Result(tasks, options.budget(), options.simulatorQps(), ideal, round(seconds),
                        served.byAction(), served.outcome(CallCount.SUCCESS), listServed,
                        served.outcome(CallCount.THROTTLED), round(perSecond),
                        round(100.0 * perSecond / options.budget()), scan.taskRecords(), scan.complete(),
                        JvmMeter.mib(heap), JvmMeter.mib(heap - baseline), JvmMeter.mib(vendor.footprintBytes()),
                        round(gcPercent), scanner.trackedTasks(), scan.error());
            }
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
