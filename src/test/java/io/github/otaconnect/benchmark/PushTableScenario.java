package io.github.otaconnect.benchmark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue #13's table: for each row, the connector with push off (polling every {@code poll.interval.ms}) and
 * with push on (an AMQP broker publishing every change; polling every {@code ota.push.poll.interval.ms} as a
 * safety net, pushed devices re-read after {@code ota.push.read.linger.ms}), side by side: delivery lag and
 * API calls per minute. The two sides run at once, each on a simulator of its own (an account and the
 * vendor's limit of its own) with the same jobs and the same changes.
 *
 * <p>Per row: both tasks read their jobs once (and the push side connects); then the changes run for the
 * row's time, over which calls per minute are counted; then {@code push-tail-seconds} more let the last
 * changes arrive before the latest state per task is compared with the simulator's. Lag runs from the
 * moment the simulator made a change visible to the moment its record came out of the task's queue
 * through {@code poll()}; a state that was overtaken before any read saw it has no lag sample.
 */
final class PushTableScenario {

    static final double LAG_TARGET_SECONDS = 2.0;
    private static final Duration FIRST_READ_LIMIT = Duration.ofMinutes(8);
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final String READS = "push-triggered-reads-total";
    private static final String SCANS = "push-triggered-scans-total";

    private PushTableScenario() {
    }

    enum Kind {
        CHURN, ROLLOUT
    }

    /**
     * {@code kind:tasks[xjobs]/seconds[@ratio]}; the ratio is the push side's {@code ota.push.call.budget.ratio}
     * (1 if not given).
     */
    record RowSpec(Kind kind, int tasks, int jobs, Duration changing, double callBudgetRatio) {

        static RowSpec parse(String text) {
            String[] specAndRatio = text.split("@", 2);
            String[] kindAndRest = specAndRatio[0].split(":", 2);
            String[] sizeAndSeconds = kindAndRest.length == 2 ? kindAndRest[1].split("/", 2) : new String[0];
            if (sizeAndSeconds.length != 2) {
                throw new IllegalArgumentException("a push-table row is kind:tasks[xjobs]/seconds[@ratio], not "
                        + text);
            }
            String[] tasksAndJobs = sizeAndSeconds[0].split("x", 2);
            return new RowSpec(Kind.valueOf(kindAndRest[0].trim().toUpperCase(Locale.ROOT)),
                    Integer.parseInt(tasksAndJobs[0].trim().replace("_", "")),
                    tasksAndJobs.length == 2 ? Integer.parseInt(tasksAndJobs[1].trim()) : 1,
                    Duration.ofSeconds(Long.parseLong(sizeAndSeconds[1].trim())),
                    specAndRatio.length == 2 ? Double.parseDouble(specAndRatio[1].trim()) : 1.0);
        }

        String label(BenchmarkOptions options) {
            String size = (jobs > 1 ? jobs + " x " : "") + String.format(Locale.ROOT, "%,d", tasks);
            String ratio = callBudgetRatio == 1.0 ? ""
                    : ", call budget x" + TextTable.format(callBudgetRatio);
            return switch (kind) {
                case CHURN -> String.format(Locale.ROOT, "%s, %s %% changing/min", size,
                        TextTable.format(options.pushChurnPerMinute() * 100));
                case ROLLOUT -> String.format(Locale.ROOT, "%s, %.0f %% updating in %d s", size,
                        options.rolloutFraction() * 100, changing.toSeconds());
            } + ratio;
        }
    }

    /** Calls per minute by kind while the tasks changed; throttled calls are counted in their kind too. */
    record Calls(double queryJobPerMinute, double scanPagesPerMinute, double deviceReReadsPerMinute,
                 double totalPerMinute, long throttled) {
    }

    /**
     * @param pushedReads  device re-read rounds the pushed messages triggered while the tasks changed
     * @param pushedScans  scans the pushed messages made due at once (job status, too many devices...)
     */
    record Side(String push, long pollIntervalMs, Latencies.Summary lag, Calls calls, double pushedReads,
                double pushedScans, String converged, String pushStats) {
    }

    record Row(String label, long changesMade, double firstReadSeconds, Side off, Side on, Boolean lagMet,
               Boolean callsMet, String loadBefore, String loadAfter, double wallSeconds) {
    }

    record Result(double budgetQps, int simulatorQps, long lingerMs, List<Row> rows)
            implements ScanBenchmark.ScenarioResult {

        @Override
        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "== push-table: push off vs push on, each side its own account, budget %s QPS "
                    + "per action, simulator limit %d per account; linger %d ms%n", TextTable.format(budgetQps),
                    simulatorQps, lingerMs);
            out.println("lag: from the change becoming visible in the simulator to its record leaving the task's "
                    + "queue through poll(); calls/min while the tasks changed");
            TextTable table = new TextTable("row", "push", "poll s", "changes", "lag samples", "lag p50/p99 s",
                    "lag max s", "calls/min", "QueryOTAJob/min", "pages/min", "re-reads/min", "throttled",
                    "pushed reads/scans", "converged");
            for (Row row : rows) {
                for (Side side : List.of(row.off(), row.on())) {
                    table.row(row.label(), side.push(), side.pollIntervalMs() / 1000.0, row.changesMade(),
                            (long) side.lag().count(), lag(side.lag()), seconds(side.lag().maxMs()),
                            side.calls().totalPerMinute(), side.calls().queryJobPerMinute(),
                            side.calls().scanPagesPerMinute(), side.calls().deviceReReadsPerMinute(),
                            side.calls().throttled(), push(side), side.converged());
                }
            }
            table.print(out);
            for (Row row : rows) {
                out.printf(Locale.ROOT, "%s: first read %.0f s, row %.0f s, load %s -> %s; push %s%n", row.label(),
                        row.firstReadSeconds(), row.wallSeconds(), row.loadBefore(), row.loadAfter(),
                        row.on().pushStats());
            }
        }

        @Override
        public List<Target> targets() {
            List<Target> targets = new ArrayList<>();
            for (Row row : rows) {
                targets.add(new Target(BenchmarkOptions.PUSH_TABLE, row.label() + ": push on, lag p99 <= "
                        + TextTable.format(LAG_TARGET_SECONDS) + " s", "p50/p99 " + lag(row.on().lag()) + " s (off "
                        + lag(row.off().lag()) + " s)", row.lagMet()));
                targets.add(new Target(BenchmarkOptions.PUSH_TABLE, row.label() + ": push on, calls/min <= push off",
                        TextTable.format(row.on().calls().totalPerMinute()) + " vs "
                                + TextTable.format(row.off().calls().totalPerMinute()), row.callsMet()));
            }
            return targets;
        }

        private static String lag(Latencies.Summary lag) {
            return lag.count() == 0 ? "-" : String.format(Locale.ROOT, "%.1f/%.1f", lag.p50Ms() / 1000.0,
                    lag.p99Ms() / 1000.0);
        }

        private static String push(Side side) {
            return side.push().equals("off") ? "-" : String.format(Locale.ROOT, "%.0f/%.0f", side.pushedReads(),
                    side.pushedScans());
        }

        private static String seconds(Long ms) {
            return ms == null ? "-" : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
        }
    }

    static Result run(BenchmarkOptions options, PrintStream log) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        int index = 0;
        for (String text : options.pushRows()) {
            rows.add(runRow(RowSpec.parse(text), index++, options, log));
        }
        return new Result(options.budget(), options.simulatorQps(), options.pushLinger().toMillis(), rows);
    }

    private static Row runRow(RowSpec spec, int index, BenchmarkOptions options, PrintStream log)
            throws InterruptedException {
        long rowStart = System.nanoTime();
        String label = spec.label(options);
        String loadBefore = load();
        try (PushTableSide off = new PushTableSide(false, "ota-push-off-" + index, spec, options);
             PushTableSide on = new PushTableSide(true, "ota-push-on-" + index, spec, options)) {
            log.printf(Locale.ROOT, "[push-table] %s: first reads...%n", label);
            long deadline = System.nanoTime() + FIRST_READ_LIMIT.toNanos();
            long lastLog = System.nanoTime();
            while (!(off.ready() && on.ready())) {
                failIfStopped(off, on);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(label + ": first reads not done in " + FIRST_READ_LIMIT
                            + " (off " + off.taskRecords() + ", on " + on.taskRecords() + " task records)");
                }
                if (System.nanoTime() - lastLog > 15e9) {
                    log.printf(Locale.ROOT, "[push-table] %s: %,d / %,d task records%n", label, off.taskRecords(),
                            on.taskRecords());
                    lastLog = System.nanoTime();
                }
                Thread.sleep(200);
            }
            double firstReadSeconds = (System.nanoTime() - rowStart) / 1e9;
            // the push side scans every job again when it connects: let that pass before counting
            Thread.sleep(SETTLE.toMillis());
            log.printf(Locale.ROOT, "[push-table] %s: first reads done in %.0f s; changes for %d s...%n", label,
                    firstReadSeconds, spec.changing().toSeconds());
            long from = System.currentTimeMillis();
            double readsBefore = on.pushMetric(READS);
            double scansBefore = on.pushMetric(SCANS);
            off.startChanges();
            on.startChanges();
            Thread.sleep(spec.changing().toMillis());
            off.stopChanges();
            on.stopChanges();
            long to = System.currentTimeMillis();
            double pushedReads = on.pushMetric(READS) - readsBefore;
            double pushedScans = on.pushMetric(SCANS) - scansBefore;
            Thread.sleep(options.pushTail().toMillis());
            failIfStopped(off, on);
            Side offSide = new Side("off", options.pollInterval().toMillis(), off.lag(), off.calls(from, to), 0, 0,
                    off.convergence(), off.pushStats());
            Side onSide = new Side("on", options.pushPollInterval().toMillis(), on.lag(), on.calls(from, to), pushedReads,
                    pushedScans, on.convergence(), on.pushStats());
            Boolean lagMet = onSide.lag().count() == 0 ? null : onSide.lag().p99Ms() <= LAG_TARGET_SECONDS * 1000;
            Row row = new Row(label, on.changesMade(), FirstReadScenario.round(firstReadSeconds), offSide, onSide,
                    lagMet, onSide.calls().totalPerMinute() <= offSide.calls().totalPerMinute(), loadBefore, load(),
                    FirstReadScenario.round((System.nanoTime() - rowStart) / 1e9));
            log.printf(Locale.ROOT, "[push-table] %s: lag p99 off %s / on %s ms, calls/min off %.1f / on %.1f "
                            + "(changes %d off, %d on)%n", label, offSide.lag().p99Ms(), onSide.lag().p99Ms(),
                    offSide.calls().totalPerMinute(), onSide.calls().totalPerMinute(), off.changesMade(),
                    on.changesMade());
            return row;
        }
    }

    private static void failIfStopped(PushTableSide off, PushTableSide on) {
        for (PushTableSide side : List.of(off, on)) {
            if (side.failure() != null) {
                throw new IllegalStateException("a task's poll() failed", side.failure());
            }
        }
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }
}
