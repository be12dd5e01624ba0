package io.github.otaconnect.benchmark;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.otaconnect.source.JobScannerBenchmark;

/**
 * How the cost of the steady state grows with the job: the same job shape (terminal share, change share per
 * poll interval) at several sizes, each in a fresh simulator, with calls and heap per cycle. A scanner that
 * reads only what changed keeps calls per cycle proportional to the changes; heap may grow with the tasks
 * it tracks, by a few bytes each.
 */
final class CostGrowthScenario {

    private CostGrowthScenario() {
    }

    /**
     * @param heapGrowthMiB heap after GC after the last cycle minus before the scanner existed (the simulator's
     *                      job is in both)
     */
    record Row(int tasks, long firstReadCalls, double firstReadSeconds, int cycles, int fullScans,
               double avgCallsPerCycle,
               long naiveCallsPerCycle, double avgRecordsPerCycle, double avgWallSecondsPerCycle,
               List<Double> heapAfterGcMiBPerCycle, double heapGrowthMiB, double bytesPerTask, long trackedTasks,
               long throttled, double simulatorFootprintMiB, List<String> errors) {
    }

    record Result(double terminalFraction, double changeFractionPerPollInterval, long pollIntervalMs,
                  double budgetQps, int simulatorQps, List<Row> rows) implements ScanBenchmark.ScenarioResult {

        @Override
        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "== cost-growth: %.0f %% terminal, %.1f %% changing per %d ms, budget %.1f QPS%n",
                    terminalFraction * 100, changeFractionPerPollInterval * 100, pollIntervalMs, budgetQps);
            TextTable table = new TextTable("tasks", "first read calls", "first read s", "cycles", "full scans",
                    "calls/cycle",
                    "naive", "records/cycle", "wall/cycle s", "heap after GC MiB (per cycle)", "growth MiB",
                    "bytes/task", "throttled");
            for (Row row : rows) {
                table.row(row.tasks(), row.firstReadCalls(), row.firstReadSeconds(), row.cycles(), row.fullScans(),
                        row.avgCallsPerCycle(), row.naiveCallsPerCycle(), row.avgRecordsPerCycle(),
                        row.avgWallSecondsPerCycle(), row.heapAfterGcMiBPerCycle().toString(), row.heapGrowthMiB(),
                        row.bytesPerTask(), row.throttled());
            }
            table.print(out);
        }

        @Override
        public List<Target> targets() {
            List<Target> targets = new ArrayList<>();
            for (Row row : rows) {
                targets.add(new Target(BenchmarkOptions.COST_GROWTH, String.format(Locale.ROOT,
                        "%,d tasks: calls per cycle below a naive full re-scan (%d)", row.tasks(),
                        row.naiveCallsPerCycle()), String.format(Locale.ROOT, "%.1f calls/cycle, %.1f MiB heap growth",
                        row.avgCallsPerCycle(), row.heapGrowthMiB()),
                        row.cycles() == 0 ? null : row.avgCallsPerCycle() < row.naiveCallsPerCycle()));
            }
            return targets;
        }
    }

    static Result run(BenchmarkOptions options, PrintStream log) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (int tasks : options.costSizes()) {
            rows.add(runSize(tasks, options, log));
        }
        return new Result(options.terminalFraction(), options.changeFraction(), options.pollInterval().toMillis(),
                options.budget(), options.simulatorQps(), rows);
    }

    private static Row runSize(int tasks, BenchmarkOptions options, PrintStream log) throws InterruptedException {
        long naive = 1 + (tasks + options.pageSize() - 1) / options.pageSize();
        try (JvmMeter meter = new JvmMeter();
             SimulatedVendor vendor = new SimulatedVendor(options.simulatorQps(), options.seed())) {
            String jobId = vendor.addJob(SimulatedVendor.runningJob(tasks, options.terminalFraction(), 0,
                    options.seed()));
            long baseline = meter.heapAfterGc();
            ApiCallTally tally = new ApiCallTally();
            double churnRate = TaskChurn.rateFor(tasks, options.changeFraction(), options.pollInterval().toMillis());
            try (JobScannerBenchmark scanner = new JobScannerBenchmark(vendor.connectorProps(List.of(jobId), options),
                    options.budget(), tally);
                 TaskChurn churn = new TaskChurn(vendor.scenario(), jobId, churnRate, options.seed() + 7)) {
                RecordObserver observer = new RecordObserver(scanner.taskTopic());
                ScanDriver driver = new ScanDriver(scanner, observer, tally, System.currentTimeMillis());
                log.printf(Locale.ROOT, "[cost-growth] %,d tasks: first read...%n", tasks);
                Cycle firstRead = driver.scanNow(jobId);
                churn.start();
                List<Cycle> cycles = new ArrayList<>();
                List<Double> heaps = new ArrayList<>();
                long lastHeap = meter.heapAfterGc();
                heaps.add(JvmMeter.mib(lastHeap));
                for (int c = 0; c < options.costCycles(); c++) {
                    Cycle cycle = driver.scanNextDue(Instant.MAX);
                    if (cycle == null) {
                        break;
                    }
                    lastHeap = meter.heapAfterGc();
                    heaps.add(JvmMeter.mib(lastHeap));
                    cycles.add(cycle);
                    log.printf(Locale.ROOT, "[cost-growth] %,d tasks: cycle %d/%d: %,d calls, %,d records, %.1f s%n",
                            tasks, c + 1, options.costCycles(), cycle.calls(), cycle.taskRecords(),
                            cycle.wallMs() / 1000.0);
                }
                long growth = lastHeap - baseline;
                return new Row(tasks, firstRead.calls(), firstRead.wallMs() / 1000.0, cycles.size(),
                        (int) cycles.stream().filter(Cycle::fullScan).count(),
                        FirstReadScenario.round(cycles.stream().mapToLong(Cycle::calls).average().orElse(0)), naive,
                        FirstReadScenario.round(cycles.stream().mapToLong(Cycle::taskRecords).average().orElse(0)),
                        FirstReadScenario.round(cycles.stream().mapToLong(Cycle::wallMs).average().orElse(0) / 1000.0),
                        heaps, JvmMeter.mib(growth), FirstReadScenario.round((double) growth / tasks),
                        scanner.trackedTasks(),
                        firstRead.throttled() + cycles.stream().mapToLong(Cycle::throttled).sum(),
                        JvmMeter.mib(vendor.footprintBytes()),
                        cycles.stream().map(Cycle::error).filter(e -> e != null).toList());
            }
        }
    }
}
