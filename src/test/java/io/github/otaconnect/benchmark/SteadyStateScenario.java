package io.github.otaconnect.benchmark;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.otaconnect.simulator.JobTruth;
import io.github.otaconnect.source.JobScannerBenchmark;

/**
 * A big job in its steady state: most tasks are over, a small share keeps changing. After the first read,
 * what does each scan cost against a naive full re-scan, what does it emit, how long does a change take to
 * reach the stream, and does the stream end up equal to the vendor's truth?
 */
final class SteadyStateScenario {

    private SteadyStateScenario() {
    }

    /**
     * @param churnPerSecond        task changes the simulator makes per second ({@code changeFraction} of the
     *                              tasks per poll interval)
     * @param naiveCallsPerCycle    one job query plus every page of the job
     * @param latency               hand-over wall time minus the change's UtcModified, for the changes made
     *                              during the steady cycles; UtcModified has one-second resolution, so this
     *                              overstates by 0..1 s
     * @param convergence           after the changes stopped and one more scan: latest record per task vs truth
     * @param budgetUsePercent      ListOTATaskByJob calls served per second over the steady cycles, against the budget
     */
    record Result(int tasks, double terminalFraction, double changeFractionPerPollInterval, long pollIntervalMs,
                  double churnPerSecond, int activeTasks, double budgetQps, int simulatorQps, Cycle firstRead,
                  List<Cycle> cycles, Cycle settleScan, long naiveCallsPerCycle, double avgCallsPerCycle,
                  double avgRecordsPerCycle, double avgWallSecondsPerCycle, double avgChurnPerCycle,
                  long churnChanges, Latencies.Summary latency, RecordObserver.Convergence convergence,
                  long throttled, Map<String, Map<String, Long>> simulatorCalls, double steadySeconds,
                  double budgetUsePercent, double heapAfterGcMiB, double simulatorFootprintMiB,
                  double gcTimePercent, long trackedTasks) implements ScanBenchmark.ScenarioResult {

        @Override
        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "== steady-state: %,d tasks, %.0f %% terminal, %.1f %% changing per %d ms "
                            + "(%.0f changes/s over %d active tasks), budget %.1f QPS%n", tasks,
                    terminalFraction * 100, changeFractionPerPollInterval * 100, pollIntervalMs, churnPerSecond,
                    activeTasks, budgetQps);
            TextTable table = new TextTable("cycle", "calls", "list", "query", "throttled", "task records", "wall s",
                    "heap after GC MiB", "complete", "full scan");
            table.row("first read", firstRead.calls(), firstRead.listCalls(), firstRead.queryCalls(),
                    firstRead.throttled(), firstRead.taskRecords(), firstRead.wallMs() / 1000.0,
                    firstRead.heapAfterGcMiB(), firstRead.complete(), firstRead.fullScan());
            for (Cycle cycle : cycles) {
                table.row(cycle.number() - 1, cycle.calls(), cycle.listCalls(), cycle.queryCalls(), cycle.throttled(),
                        cycle.taskRecords(), cycle.wallMs() / 1000.0, cycle.heapAfterGcMiB(), cycle.complete(),
                        cycle.fullScan());
            }
            if (settleScan != null) {
                table.row("settle", settleScan.calls(), settleScan.listCalls(), settleScan.queryCalls(),
                        settleScan.throttled(), settleScan.taskRecords(), settleScan.wallMs() / 1000.0,
                        settleScan.heapAfterGcMiB(), settleScan.complete(), settleScan.fullScan());
            }
            table.print(out);
            out.printf(Locale.ROOT, "calls/cycle %.1f vs naive full re-scan %d (%.1f %%); records/cycle %.1f; "
                            + "changes made/cycle %.1f; wall/cycle %.1f s; budget use %.1f %%; throttled %d%n",
                    avgCallsPerCycle, naiveCallsPerCycle, 100.0 * avgCallsPerCycle / naiveCallsPerCycle,
                    avgRecordsPerCycle, avgChurnPerCycle, avgWallSecondsPerCycle, budgetUsePercent, throttled);
            out.printf(Locale.ROOT, "change -> record latency: p50 %s ms, p99 %s ms, max %s ms over %,d changes%n",
                    latency.p50Ms(), latency.p99Ms(), latency.maxMs(), latency.count());
            out.printf(Locale.ROOT, "convergence: %s (%,d tasks checked, %,d never emitted, %,d stale) %s%n",
                    convergence.converged() ? "OK" : "DIVERGED", convergence.tasksChecked(),
                    convergence.neverEmitted(), convergence.stale(), convergence.examples());
        }

        @Override
        public List<Target> targets() {
            return List.of(
                    new Target(BenchmarkOptions.STEADY_STATE, "calls per cycle follow what changed, not the job size "
                            + "(judged here only as: below a naive full re-scan)",
                            String.format(Locale.ROOT, "%.1f calls/cycle vs naive %d, %.1f records/cycle",
                                    avgCallsPerCycle, naiveCallsPerCycle, avgRecordsPerCycle),
                            cycles.isEmpty() ? null : avgCallsPerCycle < naiveCallsPerCycle),
                    new Target(BenchmarkOptions.STEADY_STATE, "latest state per task emitted == simulator truth",
                            convergence.neverEmitted() + " never emitted, " + convergence.stale() + " stale of "
                                    + convergence.tasksChecked(), convergence.converged()),
                    new Target(BenchmarkOptions.STEADY_STATE, "change -> record latency (reported)",
                            "p50 " + latency.p50Ms() + " ms, p99 " + latency.p99Ms() + " ms", null));
        }
    }

    static Result run(BenchmarkOptions options, PrintStream log) throws InterruptedException {
        int tasks = options.steadyTasks();
        long naive = 1 + (tasks + options.pageSize() - 1) / options.pageSize();
        try (JvmMeter meter = new JvmMeter();
             SimulatedVendor vendor = new SimulatedVendor(options.simulatorQps(), options.seed())) {
            String jobId = vendor.addJob(SimulatedVendor.runningJob(tasks, options.terminalFraction(), 0,
                    options.seed()));
            JobTruth identities = vendor.scenario().truth(jobId);
            double churnRate = TaskChurn.rateFor(tasks, options.changeFraction(), options.pollInterval().toMillis());
            ApiCallTally tally = new ApiCallTally();
            try (JobScannerBenchmark scanner = new JobScannerBenchmark(vendor.connectorProps(List.of(jobId), options),
                    options.budget(), tally);
                 TaskChurn churn = new TaskChurn(vendor.scenario(), jobId, churnRate, options.seed() + 7)) {
                RecordObserver observer = new RecordObserver(scanner.taskTopic(), identities);
                ScanDriver driver = new ScanDriver(scanner, observer, tally, System.currentTimeMillis());
                JvmMeter.Mark mark = meter.mark();
                log.printf(Locale.ROOT, "[steady-state] first read of %,d tasks...%n", tasks);
                Cycle firstRead = driver.scanNow(jobId).withHeap(JvmMeter.mib(meter.heapAfterGc()));
                log.printf(Locale.ROOT, "[steady-state] first read: %,d calls, %,d records, %.1f s%n",
                        firstRead.calls(), firstRead.taskRecords(), firstRead.wallMs() / 1000.0);

                long churnStart = System.currentTimeMillis();
                observer.measureLatencyFrom(Math.floorDiv(churnStart, 1000L) * 1000L);
                churn.start();
                CallCount steadyBefore = vendor.calls();
                long steadyStartNanos = System.nanoTime();
                Instant stopBy = Instant.now().plus(options.steadyMaxDuration());
                List<Cycle> cycles = new ArrayList<>();
                long churnBefore = churn.applied();
                while (cycles.size() < options.steadyCycles() && Instant.now().isBefore(stopBy)) {
                    Cycle cycle = driver.scanNextDue(Instant.MAX);
                    if (cycle == null) {
                        break;
                    }
                    cycle = cycle.withHeap(JvmMeter.mib(meter.heapAfterGc()));
                    cycles.add(cycle);
                    log.printf(Locale.ROOT,
                            "[steady-state] cycle %d/%d: %,d calls, %,d records, %.1f s, heap %.1f MiB%s%n",
                            cycles.size(), options.steadyCycles(), cycle.calls(), cycle.taskRecords(),
                            cycle.wallMs() / 1000.0, cycle.heapAfterGcMiB(),
                            cycle.error() == null ? "" : ", error " + cycle.error());
                }
                long churnChanges = churn.applied() - churnBefore;
                churn.stop();
                double steadySeconds = (System.nanoTime() - steadyStartNanos) / 1e9;
                CallCount steadyCalls = vendor.calls().minus(steadyBefore);
                double gcPercent = meter.gcPercentSince(mark);
                observer.measureLatencyFrom(Long.MAX_VALUE);
                Latencies.Summary latency = observer.latencies().summary();

                Cycle settle = driver.scanNextDue(Instant.MAX);
                RecordObserver.Convergence convergence = observer.compareWith(vendor.scenario().truth(jobId));
                if (settle != null) {
                    settle = settle.withHeap(JvmMeter.mib(meter.heapAfterGc()));
                }
                log.printf(Locale.ROOT, "[steady-state] settle scan done; converged: %s%n", convergence.converged());

                double avgCalls = cycles.stream().mapToLong(Cycle::calls).average().orElse(0);
                double avgRecords = cycles.stream().mapToLong(Cycle::taskRecords).average().orElse(0);
                double avgWall = cycles.stream().mapToLong(Cycle::wallMs).average().orElse(0) / 1000.0;
                long listServed = steadyCalls.count(CallCount.LIST_TASKS, CallCount.SUCCESS);
                double budgetUse = 100.0 * listServed / steadySeconds / options.budget();
                Cycle last = cycles.isEmpty() ? firstRead : cycles.get(cycles.size() - 1);
                return new Result(tasks, options.terminalFraction(), options.changeFraction(),
                        options.pollInterval().toMillis(), FirstReadScenario.round(churnRate), churn.activeTasks(),
                        options.budget(), options.simulatorQps(), firstRead, cycles, settle, naive,
                        FirstReadScenario.round(avgCalls), FirstReadScenario.round(avgRecords),
                        FirstReadScenario.round(avgWall),
                        FirstReadScenario.round(cycles.isEmpty() ? 0 : (double) churnChanges / cycles.size()),
                        churnChanges, latency, convergence, steadyCalls.outcome(CallCount.THROTTLED),
                        steadyCalls.byAction(), FirstReadScenario.round(steadySeconds),
                        FirstReadScenario.round(budgetUse), last.heapAfterGcMiB(),
                        JvmMeter.mib(vendor.footprintBytes()), FirstReadScenario.round(gcPercent),
                        scanner.trackedTasks());
            }
        }
    }
}
