package io.github.otaconnect.benchmark;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.JobTruth;
import io.github.otaconnect.source.JobScannerBenchmark;

/**
 * The README's cost table: for each row (a job of some size and some way of changing), what one scan cycle
 * of the connector costs against the simple alternative, a full re-read (the job query and every page of
 * the unfiltered listing, every cycle), and how long a change takes to come out of each. Both readers run
 * at once against one simulated job on its real clock, each with an account and a budget of its own, so
 * they see the same changes under the same limits.
 *
 * <p>Per row: both readers read the job once; then its tasks change (or not) while both keep to their
 * poll interval for {@code table-cycles} intervals (a rollout row: for the rollout), longer while the full
 * re-reader's last cycle runs; then the changes stop and each reader does one more cycle, after which the
 * latest state each handed over for every task must equal the simulator's. Calls per cycle count the
 * cycles while the tasks changed. Lag runs from the moment the simulator made a change visible to the
 * moment the reader handed the task over, which for the connector is the hand-over to {@code poll()}: this
 * harness has no Kafka broker. The connector's offsets are measured as a worker would write them
 * ({@link OffsetWrites}), for its first read and for the rest of the row.
 */
final class CostTableScenario {

    /** The connector's name in offset keys: its length is part of every offset record. */
    static final String CONNECTOR_NAME = "ota-source";
    static final String LAG_MEASURED_TO = "the task record's hand-over to poll() (the task's queue); "
            + "no Kafka broker in this harness";
    /** A big job's row must cost at most a tenth of a full re-read per cycle, the others at most as much. */
    static final int BIG_JOB_TASKS = 100_000;
    static final double BIG_JOB_TARGET = 0.10;
    static final double TARGET = 1.0;

    private CostTableScenario() {
    }

    enum Kind {
        IDLE, ROLLOUT, CHURN
    }

    /** One row as configured: {@code kind:tasks[@pollIntervalMs]}. */
    record RowSpec(Kind kind, int tasks, Duration pollInterval) {

        static RowSpec parse(String text, Duration defaultPollInterval) {
            String[] kindAndRest = text.split(":", 2);
            if (kindAndRest.length != 2) {
                throw new IllegalArgumentException("a cost-table row is kind:tasks[@poll-interval-ms], not " + text);
            }
            Kind kind = Kind.valueOf(kindAndRest[0].trim().toUpperCase(Locale.ROOT));
            String[] tasksAndPoll = kindAndRest[1].split("@", 2);
            int tasks = Integer.parseInt(tasksAndPoll[0].trim().replace("_", ""));
            Duration poll = tasksAndPoll.length == 2 ? Duration.ofMillis(Long.parseLong(tasksAndPoll[1].trim()))
                    : defaultPollInterval;
            return new RowSpec(kind, tasks, poll);
        }

        String label(BenchmarkOptions options) {
            String size = String.format(Locale.ROOT, "%,d", tasks);
            return switch (kind) {
                case IDLE -> size + " idle";
                case ROLLOUT -> String.format(Locale.ROOT, "%s, %.0f %% updating in %d s", size,
                        options.rolloutFraction() * 100, options.rolloutDuration().toSeconds());
                case CHURN -> String.format(Locale.ROOT, "%s, %s %% changing/cycle", size,
                        TextTable.format(options.changeFraction() * 100));
            };
        }
    }

    /**
     * What one reader did in one row.
     *
     * @param cycles        the cycles while the tasks changed (the first read and the settling cycle apart)
     * @param callsPerCycle API attempts per cycle over {@code cycles}, retries and throttled ones included
     * @param scanSeconds   wall time of one of those cycles, on average
     * @param fullScans     how many of those cycles read the whole job
     * @param lag           milliseconds from a change to its hand-over, for every change handed over
     * @param convergence   after the settling cycle: the latest state handed over per task vs the truth
     */
    record Reader(Cycle firstRead, List<Cycle> cycles, Cycle settle, double callsPerCycle, double scanSeconds,
                  long fullScans, long throttled, List<String> errors, long taskRecords, Latencies.Summary lag,
                  RecordObserver.Convergence convergence) {
    }

    /**
     * @param changesMade        task changes the simulator made while the readers watched
     * @param fullReReadCalls    what one full re-read costs by construction: one job query plus every page
     * @param costRatio          the connector's calls per cycle over the full re-reader's
     * @param lagBoundSeconds    the lag target: one poll interval plus the connector's average scan
     * @param offsetsFirstRead   the connector's offset writes during its first read
     * @param offsetsAfter       its offset writes from then on (changing cycles and the settling one)
     */
    record Row(String label, String kind, int tasks, long pollIntervalMs, long changesMade, double watchedSeconds,
               long fullReReadCalls, Reader connector, Reader fullReRead, Double costRatio, double costTarget,
               Boolean costMet, double lagBoundSeconds, Boolean lagMet, OffsetWrites.Summary offsetsFirstRead,
               OffsetWrites.Summary offsetsAfter, double wallSeconds) {

        boolean converged() {
            return connector.convergence().converged() && fullReRead.convergence().converged();
        }
    }

    record Result(double budgetQps, int simulatorQps, int pageSize, String connectorName, String lagMeasuredTo,
                  List<Row> rows) implements ScanBenchmark.ScenarioResult {

        @Override
        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "== cost-table: connector vs full re-read (QueryOTAJob + every page), each with "
                    + "its own account, budget %s QPS per action, simulator limit %d per account (0 = off)%n",
                    TextTable.format(budgetQps), simulatorQps);
            out.println("lag: from the change becoming visible in the simulator to " + lagMeasuredTo);
            TextTable cost = new TextTable("row", "poll s", "cycles conn/full", "conn full scans", "calls/cycle conn",
                    "calls/cycle full", "ratio", "target", "met", "lag p50/p99 conn s", "lag p50/p99 full s",
                    "lag bound s", "met", "changes", "throttled", "converged");
            for (Row row : rows) {
                cost.row(row.label(), row.pollIntervalMs() / 1000.0,
                        row.connector().cycles().size() + "/" + row.fullReRead().cycles().size(),
                        row.connector().fullScans(), row.connector().callsPerCycle(),
                        row.fullReRead().callsPerCycle(), ratio(row.costRatio()), "<= " + ratio(row.costTarget()),
                        verdict(row.costMet()), lag(row.connector().lag()), lag(row.fullReRead().lag()),
                        row.lagBoundSeconds(), verdict(row.lagMet()), row.changesMade(),
                        row.connector().throttled() + "/" + row.fullReRead().throttled(),
                        (row.connector().convergence().converged() ? "yes" : "NO") + "/"
                                + (row.fullReRead().convergence().converged() ? "yes" : "NO"));
            }
            cost.print(out);
            out.println("offsets topic, as a worker with exactly-once support writes it (one offset record per "
                    + "poll() batch; counted per chunk handed over, the most it can be; key [\"" + connectorName
                    + "\", partition] + value, JSON without schemas):");
            TextTable offsets = new TextTable("row", "phase", "task records", "offset records", "bytes",
                    "bytes/1,000 task records", "largest offset record B");
            for (Row row : rows) {
                offsetRow(offsets, row.label(), "first read", row.offsetsFirstRead());
                offsetRow(offsets, row.label(), "after", row.offsetsAfter());
            }
            offsets.print(out);
            for (Row row : rows) {
                List<String> errors = new ArrayList<>(row.connector().errors());
                errors.addAll(row.fullReRead().errors());
                if (!row.converged() || !errors.isEmpty()) {
                    out.println(row.label() + ": connector " + row.connector().convergence() + "; full re-read "
                            + row.fullReRead().convergence() + (errors.isEmpty() ? "" : "; errors " + errors));
                }
            }
        }

        private static void offsetRow(TextTable table, String label, String phase, OffsetWrites.Summary summary) {
            table.row(label, phase, summary.taskRecords(), summary.writes(), summary.bytes(),
                    summary.bytesPer1000TaskRecords(), summary.largestWriteBytes());
        }

        @Override
        public List<Target> targets() {
            List<Target> targets = new ArrayList<>();
            for (Row row : rows) {
                targets.add(new Target(BenchmarkOptions.COST_TABLE, row.label() + ": connector calls/cycle <= "
                        + ratio(row.costTarget()) + " a full re-read's",
                        String.format(Locale.ROOT, "%s vs %s calls/cycle = %s", TextTable.format(
                                row.connector().callsPerCycle()), TextTable.format(row.fullReRead().callsPerCycle()),
                                ratio(row.costRatio())), row.costMet()));
                targets.add(new Target(BenchmarkOptions.COST_TABLE, row.label() + ": lag p99 <= poll interval + one "
                        + "scan (" + TextTable.format(row.lagBoundSeconds()) + " s)",
                        "p50/p99 " + lag(row.connector().lag()) + " s (full re-read " + lag(row.fullReRead().lag())
                                + " s)", row.lagMet()));
                targets.add(new Target(BenchmarkOptions.COST_TABLE, row.label() + ": latest state per task == "
                        + "simulator truth (connector, full re-read)", row.connector().convergence().stale() + "+"
                        + row.connector().convergence().neverEmitted() + " off, " + row.fullReRead().convergence()
                        .stale() + "+" + row.fullReRead().convergence().neverEmitted() + " off", row.converged()));
                if (row.tasks() >= BIG_JOB_TASKS) {
                    targets.add(new Target(BenchmarkOptions.COST_TABLE, row.label() + ": offset bytes per 1,000 task "
                            + "records, largest offset record (reported)", String.format(Locale.ROOT,
                            "first read %s B, after %s B; largest %,d B",
                            TextTable.format(row.offsetsFirstRead().bytesPer1000TaskRecords()),
                            TextTable.format(row.offsetsAfter().bytesPer1000TaskRecords()),
                            Math.max(row.offsetsFirstRead().largestWriteBytes(),
                                    row.offsetsAfter().largestWriteBytes())), null));
                }
            }
            return targets;
        }

        private static String ratio(Double value) {
            return value == null ? "-" : String.format(Locale.ROOT, "%.2fx", value);
        }

        private static String verdict(Boolean met) {
            return met == null ? "-" : met ? "yes" : "NO";
        }

        private static String lag(Latencies.Summary lag) {
            if (lag.count() == 0) {
                return "-";
            }
            return String.format(Locale.ROOT, "%.1f/%.1f", lag.p50Ms() / 1000.0, lag.p99Ms() / 1000.0);
        }
    }

    static Result run(BenchmarkOptions options, PrintStream log) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (String text : options.tableRows()) {
            rows.add(runRow(RowSpec.parse(text, options.tablePollInterval()), options, log));
        }
        return new Result(options.budget(), options.simulatorQps(), options.pageSize(), CONNECTOR_NAME,
                LAG_MEASURED_TO, rows);
    }

    private static Row runRow(RowSpec spec, BenchmarkOptions options, PrintStream log) throws InterruptedException {
        long rowStart = System.nanoTime();
        String label = spec.label(options);
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "cost-table-reader");
            thread.setDaemon(true);
            return thread;
        });
        try (SimulatedVendor vendor = new SimulatedVendor(options.simulatorQps(), options.seed())) {
            String jobId = vendor.addJob(jobOf(spec, options));
            JobTruth identities = vendor.scenario().truth(jobId);
            ChangeTimes changeTimes = new ChangeTimes();
            ApiCallTally connectorCalls = new ApiCallTally();
            ApiCallTally fullReReadCalls = new ApiCallTally();
            long origin = System.currentTimeMillis();
            Map<String, String> props = SimulatedVendor.connectorProps(vendor.endpoint(), List.of(jobId),
                    options.pageSize(), spec.pollInterval());
            try (JobScannerBenchmark scanner = new JobScannerBenchmark(props, options.budget(), connectorCalls);
                 FullReReader fullReReader = new FullReReader(vendor.endpoint(), SimulatedVendor.OTHER_ACCESS_KEY_ID,
                         SimulatedVendor.OTHER_ACCESS_KEY_SECRET, options.budget(), options.pageSize(),
                         spec.pollInterval(), jobId, fullReReadCalls, origin);
                 Changes changes = changesOf(spec, vendor, jobId, changeTimes, options)) {
                AtomicReference<OffsetWrites> offsets = new AtomicReference<>(
                        new OffsetWrites(CONNECTOR_NAME, scanner.taskTopic()));
                RecordObserver connectorOut = new RecordObserver(scanner.taskTopic(), identities)
                        .measureLatencyFrom(changeTimes).alsoTo(chunk -> offsets.get().accept(chunk));
                RecordObserver fullReReadOut = new RecordObserver(scanner.taskTopic(), identities)
                        .measureLatencyFrom(changeTimes);
                ScanDriver driver = new ScanDriver(scanner, connectorOut, connectorCalls, origin);

                log.printf(Locale.ROOT, "[cost-table] %s: first reads...%n", label);
                List<Cycle> firstReads = together(pool, () -> driver.scanNow(jobId),
                        () -> fullReReader.cycleNow(fullReReadOut));
                log.printf(Locale.ROOT, "[cost-table] %s: first reads %,d calls in %.1f s (connector), %,d calls in "
                                + "%.1f s (full re-read)%n", label, firstReads.get(0).calls(),
                        firstReads.get(0).wallMs() / 1000.0, firstReads.get(1).calls(),
                        firstReads.get(1).wallMs() / 1000.0);
                OffsetWrites.Summary offsetsFirstRead = offsets.get().summary();
                offsets.set(new OffsetWrites(CONNECTOR_NAME, scanner.taskTopic()));

                Duration watch = spec.kind() == Kind.ROLLOUT ? options.rolloutDuration()
                        : spec.pollInterval().multipliedBy(options.tableCycles());
                long watchStart = System.nanoTime();
                Instant deadline = Instant.now().plus(watch);
                changes.start();
                AtomicBoolean fullReReadDone = new AtomicBoolean();
                List<List<Cycle>> watched = together(pool, () -> {
                    // the tasks keep changing until both readers are done, so the connector keeps scanning too
                    List<Cycle> cycles = new ArrayList<>();
                    while (Instant.now().isBefore(deadline) || !fullReReadDone.get()) {
                        Cycle cycle = driver.scanNextDue(Instant.MAX);
                        if (cycle == null) {
                            break;
                        }
                        cycles.add(cycle);
                    }
                    return cycles;
                }, () -> {
                    List<Cycle> cycles = new ArrayList<>();
                    Cycle cycle;
                    while ((cycle = fullReReader.cycleNextDue(deadline, fullReReadOut)) != null) {
                        cycles.add(cycle);
                    }
                    fullReReadDone.set(true);
                    return cycles;
                });
                changes.stop();
                double watchedSeconds = (System.nanoTime() - watchStart) / 1e9;
                long changesMade = changes.applied();
                log.printf(Locale.ROOT, "[cost-table] %s: %,d changes in %.0f s; settling...%n", label, changesMade,
                        watchedSeconds);

                List<Cycle> settles = together(pool, () -> driver.scanNextDue(Instant.MAX),
                        () -> fullReReader.cycleNextDue(Instant.MAX, fullReReadOut));
                JobTruth truth = vendor.scenario().truth(jobId);
                Reader connector = reader(firstReads.get(0), watched.get(0), settles.get(0), connectorOut, truth);
                Reader fullReRead = reader(firstReads.get(1), watched.get(1), settles.get(1), fullReReadOut, truth);

                Double ratio = fullReRead.callsPerCycle() > 0 && !connector.cycles().isEmpty()
                        ? FirstReadScenario.round(connector.callsPerCycle() / fullReRead.callsPerCycle()) : null;
                double target = spec.tasks() >= BIG_JOB_TASKS ? BIG_JOB_TARGET : TARGET;
                double bound = FirstReadScenario.round(spec.pollInterval().toMillis() / 1000.0
                        + connector.scanSeconds());
                Boolean lagMet = connector.lag().count() == 0 ? null : connector.lag().p99Ms() <= bound * 1000;
                Row row = new Row(label, spec.kind().name().toLowerCase(Locale.ROOT), spec.tasks(),
                        spec.pollInterval().toMillis(), changesMade, FirstReadScenario.round(watchedSeconds),
                        FullReReader.callsPerCycle(spec.tasks(), options.pageSize()), connector, fullReRead, ratio,
                        target, ratio == null ? null : ratio <= target, bound, lagMet, offsetsFirstRead,
                        offsets.get().summary(),
                        FirstReadScenario.round((System.nanoTime() - rowStart) / 1e9));
                log.printf(Locale.ROOT, "[cost-table] %s: %.1f vs %.1f calls/cycle, lag p99 %s vs %s ms, converged %s, "
                                + "%.0f s%n", label, connector.callsPerCycle(), fullReRead.callsPerCycle(),
                        connector.lag().p99Ms(), fullReRead.lag().p99Ms(), row.converged(), row.wallSeconds());
                return row;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static JobSpec jobOf(RowSpec spec, BenchmarkOptions options) {
        return switch (spec.kind()) {
            case ROLLOUT -> Rollout.queuedJob(spec.tasks(), options.seed());
            case IDLE, CHURN -> SimulatedVendor.runningJob(spec.tasks(), options.terminalFraction(), 0, options.seed());
        };
    }

    private static Changes changesOf(RowSpec spec, SimulatedVendor vendor, String jobId, ChangeTimes changeTimes,
                                     BenchmarkOptions options) {
        return switch (spec.kind()) {
            case IDLE -> Changes.NONE;
            case ROLLOUT -> new Rollout(vendor.scenario(), jobId, options.rolloutFraction(), options.rolloutDuration(),
                    options.seed() + 7, changeTimes);
            case CHURN -> new TaskChurn(vendor.scenario(), jobId, TaskChurn.rateFor(spec.tasks(),
                    options.changeFraction(), spec.pollInterval().toMillis()), options.seed() + 7, changeTimes);
        };
    }

    private static Reader reader(Cycle firstRead, List<Cycle> cycles, Cycle settle, RecordObserver out,
                                 JobTruth truth) {
        List<Cycle> all = new ArrayList<>(cycles);
        all.add(firstRead);
        if (settle != null) {
            all.add(settle);
        }
        List<String> errors = all.stream().map(Cycle::error).filter(e -> e != null).toList();
        return new Reader(firstRead, cycles, settle,
                FirstReadScenario.round(cycles.stream().mapToLong(Cycle::calls).average().orElse(0)),
                FirstReadScenario.round(cycles.stream().filter(c -> c.error() == null).mapToLong(Cycle::wallMs)
                        .average().orElse(0) / 1000.0),
                cycles.stream().filter(Cycle::fullScan).count(),
                all.stream().mapToLong(Cycle::throttled).sum(), errors, out.taskRecords(), out.latencies().summary(),
                out.compareWith(truth));
    }

    /** Runs both at once on the pool and returns their results in order; a failure of either is rethrown. */
    private static <T> List<T> together(ExecutorService pool, Callable<T> first, Callable<T> second)
            throws InterruptedException {
        Future<T> a = pool.submit(first);
        Future<T> b = pool.submit(second);
        try {
            return Arrays.asList(a.get(), b.get());
        } catch (ExecutionException e) {
            a.cancel(true);
            b.cancel(true);
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a reader failed", e.getCause());
        } catch (InterruptedException e) {
            a.cancel(true);
            b.cancel(true);
            throw e;
        }
    }
}
