package io.github.otaconnect.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link ScanBenchmark} runs and how big: scenario names and {@code --name value} options, each with a
 * default sized for minutes of running, not hours.
 */
final class BenchmarkOptions {

    static final String FIRST_READ = "first-read";
    static final String MULTI_TASK = "multi-task";
    static final String STEADY_STATE = "steady-state";
    static final String COST_GROWTH = "cost-growth";
    static final String MEMORY = "memory";
    static final String COST_TABLE = "cost-table";
    /** Not part of {@code all}: it starts AMQP brokers and runs for about ten minutes. */
    static final String PUSH_TABLE = "push-table";
    static final List<String> SCENARIOS = List.of(FIRST_READ, MULTI_TASK, STEADY_STATE, COST_GROWTH, COST_TABLE,
            MEMORY);
    /** Without scenario names: all but the memory scenario, which starts two more JVMs. */
    static final List<String> DEFAULT_SCENARIOS = List.of(FIRST_READ, MULTI_TASK, STEADY_STATE, COST_GROWTH,
            COST_TABLE);

    /** name -> {default, description}, in the order --help shows them. */
    private static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();

    static {
        option("budget", "10", "the connector's QPS budget per action (ota.qps.per.action, shared by all tasks)");
        option("sim-qps", "10", "the simulator's limit per action per account (0 = off)");
        option("page-size", "100", "ota.page.size");
        option("poll-interval-ms", "10000", "poll.interval.ms; also the nominal cycle the change rate refers to");
        option("terminal-fraction", "0.95", "share of a job's tasks already SUCCEEDED/FAILED/CANCELED");
        option("change-fraction", "0.01", "share of a job's tasks changing per poll interval (steady-state, "
                + "cost-growth, multi-task)");
        option("seed", "1", "simulator seed");
        option("first-read-tasks", "100000", "first-read: tasks of the job");
        option("first-read-change-rate", "0", "first-read: JobSpec changeRate (0 = the job holds still)");
        option("multi-jobs", "20000,10000,10000,5000,3000,2000", "multi-task: task counts of the jobs");
        option("multi-tasks-max", "4", "multi-task: tasks.max");
        option("multi-seconds", "120", "multi-task: how long the tasks run");
        option("steady-tasks", "100000", "steady-state: tasks of the job");
        option("steady-cycles", "20", "steady-state: scans after the first read");
        option("steady-max-minutes", "90", "steady-state: stop after this long even if cycles remain");
        option("cost-sizes", "1000,10000,100000", "cost-growth: job sizes");
        option("cost-cycles", "3", "cost-growth: scans after the first read, per size");
        option("with-1m", "false", "cost-growth: add a 1,000,000-task job (long: > 1,000 s per scan at 10 QPS)");
        option("table-rows", "idle:250,rollout:250,churn:1000,churn:10000,churn:100000@10000", "cost-table: "
                + "rows as kind:tasks[@poll-interval-ms]; kinds: idle (nothing changes), rollout (a share of the "
                + "tasks updates within --rollout-seconds), churn (--change-fraction of the tasks per poll interval)");
        option("table-poll-interval-ms", "5000", "cost-table: poll.interval.ms of the rows that name none");
        option("table-cycles", "6", "cost-table: poll intervals the idle and churn rows are watched for after the "
                + "first read (longer while the full re-reader's last cycle runs)");
        option("rollout-seconds", "90", "cost-table: every step of the rollout row happens within this time");
        option("rollout-fraction", "0.8", "cost-table: share of the rollout row's tasks that update");
        option("push-rows", "churn:100000/180,rollout:250/90,rollout:250/90@1.5,rollout:20000x2/180",
                "push-table: rows as kind:tasks[xjobs]/seconds[@ratio] (ratio: the push side's "
                + "ota.push.call.budget.ratio, 1 if not given); churn: --push-churn-per-minute of the tasks change per minute, watched "
                + "for seconds after the first read; rollout: --rollout-fraction of the tasks update within seconds");
        option("push-churn-per-minute", "0.01", "push-table: share of a churn row's tasks changing per minute");
        option("push-poll-interval-ms", "300000", "push-table: ota.push.poll.interval.ms of the push-on side");
        option("push-linger-ms", "200", "push-table: ota.push.read.linger.ms of the push-on side");
        option("push-tail-seconds", "60", "push-table: how long both sides are watched after the changes stop (push "
                + "off rescans 2 x 20,000 tasks every ~40 s at 10 QPS)");
        option("memory-tasks", "690000", "memory: tasks of the job, spread evenly over 7 statuses (readable in full "
                + "only up to 700,000: the API lists at most 100,000 rows per status)");
        option("memory-xmx", "256m", "memory: -Xmx of the scanner's JVM");
        option("memory-sim-xmx", "1g", "memory: -Xmx of the simulator's JVM");
        option("memory-scans", "2", "memory: scans (the first read, then re-scans)");
        option("memory-qps", "50", "memory: budget and simulator limit per action (0 = no limit on either side; "
                + "the default leaves the cores to the measured JVMs)");
        option("memory-jvm-args", "", "memory: more options for the scanner's JVM, space-separated (e.g. "
                + "-XX:+HeapDumpOnOutOfMemoryError)");
        option("memory-timeout-minutes", "60", "memory: give up on the scanner's JVM after this long");
        option("out", "target/benchmark-results.json", "where the JSON results go");
    }

    private final Set<String> scenarios;
    private final Map<String, String> values;

    private BenchmarkOptions(Set<String> scenarios, Map<String, String> values) {
        this.scenarios = scenarios;
        this.values = values;
    }

    private static void option(String name, String defaultValue, String description) {
        OPTIONS.put(name, new String[] {defaultValue, description});
    }

    static BenchmarkOptions parse(String... args) {
        Set<String> scenarios = new LinkedHashSet<>();
        Map<String, String> values = new LinkedHashMap<>();
        OPTIONS.forEach((name, spec) -> values.put(name, spec[0]));
        for (int k = 0; k < args.length; k++) {
            String arg = args[k];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (name.equals("with-1m")) {
                    value = "true";
                } else if (k + 1 < args.length) {
                    value = args[++k];
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                if (!OPTIONS.containsKey(name)) {
                    throw new IllegalArgumentException("unknown option --" + name + "\n" + usage());
                }
                values.put(name, value);
            } else if (arg.equals("all")) {
                scenarios.addAll(SCENARIOS);
            } else if (SCENARIOS.contains(arg) || arg.equals(PUSH_TABLE)) {
                scenarios.add(arg);
            } else {
                throw new IllegalArgumentException("unknown scenario " + arg + "\n" + usage());
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(DEFAULT_SCENARIOS);
        }
        return new BenchmarkOptions(Set.copyOf(scenarios), values);
    }

    static String usage() {
        StringBuilder text = new StringBuilder("usage: ScanBenchmark [scenario...] [--option value...]\n"
                + "scenarios: " + String.join(", ", SCENARIOS) + ", " + PUSH_TABLE + ", all (default: "
                + String.join(" ", DEFAULT_SCENARIOS) + ")\noptions:\n");
        OPTIONS.forEach((name, spec) -> text.append(String.format("  --%-24s %s (default %s)%n", name, spec[1],
                spec[0])));
        return text.toString();
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** Every option's value, for the results file. */
    Map<String, String> values() {
        return Map.copyOf(values);
    }

    List<String> scenarios() {
        List<String> chosen = new ArrayList<>(SCENARIOS.stream().filter(scenarios::contains).toList());
        if (scenarios.contains(PUSH_TABLE)) {
            chosen.add(PUSH_TABLE);
        }
        return chosen;
    }

    double budget() {
        return number("budget");
    }

    int simulatorQps() {
        return integer("sim-qps");
    }

    int pageSize() {
        return integer("page-size");
    }

    Duration pollInterval() {
        return Duration.ofMillis(Long.parseLong(values.get("poll-interval-ms")));
    }

    double terminalFraction() {
        return number("terminal-fraction");
    }

    double changeFraction() {
        return number("change-fraction");
    }

    long seed() {
        return Long.parseLong(values.get("seed"));
    }

    int firstReadTasks() {
        return integer("first-read-tasks");
    }

    double firstReadChangeRate() {
        return number("first-read-change-rate");
    }

    List<Integer> multiJobs() {
        return integers("multi-jobs");
    }

    int multiTasksMax() {
        return integer("multi-tasks-max");
    }

    Duration multiDuration() {
        return Duration.ofMillis((long) (number("multi-seconds") * 1000));
    }

    int steadyTasks() {
        return integer("steady-tasks");
    }

    int steadyCycles() {
        return integer("steady-cycles");
    }

    Duration steadyMaxDuration() {
        return Duration.ofMillis((long) (number("steady-max-minutes") * 60_000));
    }

    List<Integer> costSizes() {
        List<Integer> sizes = new ArrayList<>(integers("cost-sizes"));
        if (Boolean.parseBoolean(values.get("with-1m")) && !sizes.contains(1_000_000)) {
            sizes.add(1_000_000);
        }
        return sizes;
    }

    int costCycles() {
        return integer("cost-cycles");
    }

    int memoryTasks() {
        return integer("memory-tasks");
    }

    String memoryXmx() {
        return values.get("memory-xmx");
    }

    String memorySimulatorXmx() {
        return values.get("memory-sim-xmx");
    }

    int memoryScans() {
        return integer("memory-scans");
    }

    int memoryQps() {
        return integer("memory-qps");
    }

    List<String> tableRows() {
        return Arrays.stream(values.get("table-rows").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    Duration tablePollInterval() {
        return Duration.ofMillis(Long.parseLong(values.get("table-poll-interval-ms")));
    }

    int tableCycles() {
        return integer("table-cycles");
    }

    Duration rolloutDuration() {
        return Duration.ofMillis((long) (number("rollout-seconds") * 1000));
    }

    double rolloutFraction() {
        return number("rollout-fraction");
    }

    List<String> pushRows() {
        return Arrays.stream(values.get("push-rows").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    double pushChurnPerMinute() {
        return number("push-churn-per-minute");
    }

    Duration pushPollInterval() {
        return Duration.ofMillis(Long.parseLong(values.get("push-poll-interval-ms")));
    }

    Duration pushLinger() {
        return Duration.ofMillis(Long.parseLong(values.get("push-linger-ms")));
    }

    Duration pushTail() {
        return Duration.ofMillis((long) (number("push-tail-seconds") * 1000));
    }

    List<String> memoryJvmArgs() {
        return Arrays.stream(values.get("memory-jvm-args").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    Duration memoryTimeout() {
        return Duration.ofMillis((long) (number("memory-timeout-minutes") * 60_000));
    }

    String out() {
        return values.get("out");
    }

    private int integer(String name) {
        return Integer.parseInt(values.get(name).replace("_", ""));
    }

    private double number(String name) {
        return Double.parseDouble(values.get(name));
    }

    private List<Integer> integers(String name) {
        return Arrays.stream(values.get(name).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Integer.parseInt(s.replace("_", ""))).toList();
    }
}
