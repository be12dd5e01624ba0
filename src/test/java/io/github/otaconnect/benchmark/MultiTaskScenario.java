package io.github.otaconnect.benchmark;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.otaconnect.source.JobScannerBenchmark;

/**
 * Several jobs shared by {@code tasks.max} tasks the way the connector shares them (its own job assignment,
 * each task's share of the budget), each task with its own client in its own thread, all against one account
 * of the simulator: does the sum stay within the vendor's limit, and how much of the budget is used?
 */
final class MultiTaskScenario {

    private MultiTaskScenario() {
    }

    /** One task's part: its jobs, its share, and what it did with it during the window. */
    record TaskRun(int task, List<String> jobIds, List<Integer> jobSizes, double qpsShare, int scansCompleted,
                   long listCalls, long queryCalls, long throttledSeen, double listCallsPerSecond,
                   double shareUsePercent, long taskRecords, List<String> errors) {
    }

    record Result(List<Integer> jobSizes, int tasksMax, double budgetQps, int simulatorQps, double seconds,
                  double sharesSum, List<TaskRun> tasks, Map<String, Map<String, Long>> simulatorCalls,
                  long listCallsServed, long throttled, double listCallsPerSecond, double budgetUsePercent,
                  long taskRecords, double heapAfterGcMiB, double gcTimePercent)
            implements ScanBenchmark.ScenarioResult {

        @Override
        public void print(PrintStream out) {
            out.println("== multi-task: jobs " + jobSizes + ", tasks.max " + tasksMax + ", budget " + budgetQps
                    + " QPS/action shared, " + seconds + " s");
            TextTable table = new TextTable("task", "jobs (tasks)", "share QPS", "scans", "list calls", "calls/s",
                    "use of share %", "throttled seen", "task records");
            for (TaskRun run : tasks) {
                table.row(run.task(), run.jobSizes().toString(), run.qpsShare(), run.scansCompleted(), run.listCalls(),
                        run.listCallsPerSecond(), run.shareUsePercent(), run.throttledSeen(), run.taskRecords());
            }
            table.row("sum", "", sharesSum, "", listCallsServed, listCallsPerSecond, budgetUsePercent, throttled,
                    taskRecords);
            table.print(out);
            out.println("budget use " + budgetUsePercent + " %, throttled (simulator) " + throttled + ", heap after GC "
                    + heapAfterGcMiB + " MiB, GC " + gcTimePercent + " %; calls (simulator): " + simulatorCalls);
        }

        @Override
        public List<Target> targets() {
            return List.of(new Target(BenchmarkOptions.MULTI_TASK,
                    "tasks sharing the budget stay within it: zero throttling (budget use reported)",
                    String.format(Locale.ROOT, "%d throttled, %.1f %% budget use, shares sum %.3f QPS", throttled,
                            budgetUsePercent, sharesSum),
                    throttled == 0));
        }
    }

    static Result run(BenchmarkOptions options, PrintStream log) throws InterruptedException {
        List<Integer> sizes = options.multiJobs();
        List<TaskChurn> churns = new ArrayList<>();
        List<JobScannerBenchmark> scanners = new ArrayList<>();
        try (JvmMeter meter = new JvmMeter();
             SimulatedVendor vendor = new SimulatedVendor(options.simulatorQps(), options.seed())) {
            Map<String, Integer> sizeOf = new LinkedHashMap<>();
            Map<String, Long> costs = new LinkedHashMap<>();
            for (int k = 0; k < sizes.size(); k++) {
                int size = sizes.get(k);
                String jobId = vendor.addJob(SimulatedVendor.runningJob(size, options.terminalFraction(), 0,
                        options.seed() + k));
                sizeOf.put(jobId, size);
                // what the connector's size probe learns: one job query plus the pages of one full listing
                costs.put(jobId, 1L + Math.max(1, (size + options.pageSize() - 1) / options.pageSize()));
                churns.add(new TaskChurn(vendor.scenario(), jobId, TaskChurn.rateFor(size, options.changeFraction(),
                        options.pollInterval().toMillis()), options.seed() + 100 + k));
            }
            List<String> jobIds = List.copyOf(sizeOf.keySet());
            List<JobScannerBenchmark.Share> shares = JobScannerBenchmark.assign(jobIds, costs, options.multiTasksMax(),
                    options.budget());
            log.printf(Locale.ROOT, "[multi-task] %d jobs over %d tasks for %d s: shares %s%n", jobIds.size(),
                    shares.size(), options.multiDuration().toSeconds(), shares.stream()
                            .map(JobScannerBenchmark.Share::qpsPerAction).toList());

            long origin = System.currentTimeMillis();
            List<ApiCallTally> tallies = new ArrayList<>();
            List<RecordObserver> observers = new ArrayList<>();
            List<List<Cycle>> cycles = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            Instant deadline = Instant.now().plus(options.multiDuration());
            for (JobScannerBenchmark.Share share : shares) {
                ApiCallTally tally = new ApiCallTally();
                JobScannerBenchmark scanner = new JobScannerBenchmark(vendor.connectorProps(share.jobIds(), options),
                        share.qpsPerAction(), tally);
                RecordObserver observer = new RecordObserver(scanner.taskTopic());
                ScanDriver driver = new ScanDriver(scanner, observer, tally, origin);
                List<Cycle> done = Collections.synchronizedList(new ArrayList<>());
                scanners.add(scanner);
                tallies.add(tally);
                observers.add(observer);
                cycles.add(done);
                threads.add(new Thread(() -> runTask(driver, deadline, done), "benchmark-task-" + threads.size()));
            }
            churns.forEach(TaskChurn::start);
            CallCount before = vendor.calls();
            JvmMeter.Mark mark = meter.mark();
            long startNanos = System.nanoTime();
            threads.forEach(Thread::start);
            Thread.sleep(Math.max(0, deadline.toEpochMilli() - System.currentTimeMillis()));
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            CallCount served = vendor.calls().minus(before);
            List<CallCount> attempts = tallies.stream().map(ApiCallTally::snapshot).toList();
            double gcPercent = meter.gcPercentSince(mark);
            for (Thread thread : threads) {
                thread.interrupt();
            }
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            churns.forEach(TaskChurn::stop);

            List<TaskRun> runs = new ArrayList<>();
            long records = 0;
            for (int t = 0; t < shares.size(); t++) {
                JobScannerBenchmark.Share share = shares.get(t);
                CallCount calls = attempts.get(t);
                long list = calls.count(CallCount.LIST_TASKS, CallCount.SUCCESS);
                double perSecond = list / seconds;
                List<String> errors = cycles.get(t).stream().map(Cycle::error).filter(e -> e != null).toList();
                records += observers.get(t).taskRecords();
                runs.add(new TaskRun(t, share.jobIds(), share.jobIds().stream().map(sizeOf::get).toList(),
                        share.qpsPerAction(), cycles.get(t).size(), list, calls.total(CallCount.QUERY_JOB),
                        calls.outcome(CallCount.THROTTLED), FirstReadScenario.round(perSecond),
                        FirstReadScenario.round(100.0 * perSecond / share.qpsPerAction()),
                        observers.get(t).taskRecords(), errors));
            }
            long listServed = served.count(CallCount.LIST_TASKS, CallCount.SUCCESS);
            double perSecond = listServed / seconds;
            double sharesSum = shares.stream().mapToDouble(JobScannerBenchmark.Share::qpsPerAction).sum();
            long heap = meter.heapAfterGc();
            return new Result(sizes, options.multiTasksMax(), options.budget(), options.simulatorQps(),
                    FirstReadScenario.round(seconds), FirstReadScenario.round(sharesSum), runs, served.byAction(),
                    listServed, served.outcome(CallCount.THROTTLED), FirstReadScenario.round(perSecond),
                    FirstReadScenario.round(100.0 * perSecond / options.budget()), records, JvmMeter.mib(heap),
                    FirstReadScenario.round(gcPercent));
        } finally {
            churns.forEach(TaskChurn::close);
            scanners.forEach(JobScannerBenchmark::close);
        }
    }

    private static void runTask(ScanDriver driver, Instant deadline, List<Cycle> done) {
        try {
            Cycle cycle;
            while ((cycle = driver.scanNextDue(deadline)) != null) {
                if (Instant.now().isAfter(deadline)) {
                    break;
                }
                done.add(cycle);
            }
        } catch (InterruptedException e) {
            // the window is over
        }
    }
}
