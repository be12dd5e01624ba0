package io.github.otaconnect.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.otaconnect.simulator.CallCounts;
import io.github.otaconnect.simulator.Fault;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;

/**
 * Chaos on a three-worker distributed Connect cluster: workers stopped and restarted in the middle of
 * scans, the API failing in every way the simulator knows, the API gone for longer than the client's
 * retry budget, and credentials revoked. Every scenario is seeded ({@link ChaosProfile}), bounded in time,
 * and ends with the convergence check: the latest record of every task equals the simulator's truth and
 * every job's final snapshot is there. The figures of each run go to {@link ChaosReport}.
 */
class ChaosIT extends ScenarioSupport {

    private static final ChaosProfile PROFILE = ChaosProfile.current();
    private static final int WORKERS = 3;
    /** Well above the client's retry budget at the settings below (4 attempts, backoff 50 ms to 500 ms). */
    private static final String RETRY_ATTEMPTS = "4";
    private static final String RETRY_BACKOFF_MAX_MS = "500";

    private static EmbeddedConnectRuntime runtime;

    @BeforeAll
    static void startCluster() {
        runtime = EmbeddedConnectRuntime.start("ota-chaos-it", WORKERS, false);
    }

    @AfterAll
    static void stopCluster() {
        runtime.close();
    }

    @Override
    protected ConnectRuntime runtime() {
        return runtime;
    }

    @AfterEach
    void tearDown() {
        if (simulator != null) {
            simulator.faults().clear();
            simulator.start();
            stopSimulator();
        }
        while (runtime.workers() < WORKERS) {
            runtime.startWorker();
        }
    }

    @Override
    protected Map<String, String> connectorConfig(List<String> jobIds, int maxTasks) {
        Map<String, String> config = super.connectorConfig(jobIds, maxTasks);
        config.put("ota.retry.max.attempts", RETRY_ATTEMPTS);
        config.put("ota.retry.backoff.max.ms", RETRY_BACKOFF_MAX_MS);
        // The simulator makes no late changes. A short look-back window keeps the offsets small (they name
        // each state delivered within it) and lets jobs with a retry policy finish sooner (a job counts as
        // finished a window after its last failure).
        config.put("ota.lookback.ms", "5000");
        return config;
    }

    /**
     * (a) + (b): workers leave and come back mid-scan at least ten times while one call in ten fails
     * (HTTP 500/503, iot.system.SystemException, truncated and HTML bodies, resets, answers slower than the
     * request timeout) and throttling comes in bursts.
     */
    @Test
    void workerRestartsAndApiFaultsEndInFullConvergence() {
        Random plan = new Random(PROFILE.seed());
        startSimulator("chaosWorkersAndFaults", OtaApiSimulator.builder().seed(PROFILE.seed()));
        List<String> jobs = List.of(
                job(JobSpec.upgrade().taskCount(PROFILE.tasks(3_000)).changeRate(0.05).failureProbability(0.2).retry(1, 0)),
                job(JobSpec.upgrade().taskCount(PROFILE.tasks(1_500)).changeRate(0.1).sameSecondProbability(0.3)),
                job(JobSpec.verify().taskCount(PROFILE.tasks(400)).changeRate(0.1).confirmProbability(0.3)));
        int totalTasks = jobs.stream().mapToInt(id -> simulator.scenario().truth(id).taskCount()).sum();
        Map<String, String> config = connectorConfig(jobs, 3);
        config.put("ota.http.request.timeout.ms", "1000");
        injectRandomFaults(PROFILE.faultRate(), Duration.ofMillis(2_500));
        ChaosReport report = new ChaosReport("ChaosIT: worker restarts + API faults (profile " + PROFILE.name()
                + ", seed " + PROFILE.seed() + ")");
        Instant start = Instant.now();
        deploy(config, 3);

        try (TopicRecords records = reader()) {
            awaitTaskRecords(records, totalTasks / 3);
            int restarts = 0;
            int failovers = 0;
            int throttleBursts = 0;
            Instant deadline = start.plus(PROFILE.runBudget());
            while (restarts < PROFILE.workerRestarts() && Instant.now().isBefore(deadline)) {
                pause(Duration.ofMillis(plan.nextInt(1_500)));
                if (plan.nextInt(3) == 0) {
                    simulator.faults().failNext(10 + plan.nextInt(30), Fault.throttled());
                    throttleBursts++;
                }
                WorkerHandle victim = aWorkerRunningATask(plan);
                runtime.cluster().removeWorker(victim);
                if (plan.nextBoolean()) {
                    // a real failover: the survivors take the tasks over before the worker returns
                    awaitTasksOnLiveWorkers(3);
                    failovers++;
                } else {
                    pause(Duration.ofMillis(plan.nextInt(2_000)));
                }
                runtime.startWorker();
                awaitTasksOnLiveWorkers(3);
                restarts++;
            }
            Instant calm = Instant.now();
            CallCounts counts = simulator.counters().snapshot();
            simulator.faults().clear();
            simulator.scenario().finishAll();
            awaitConvergence(records, jobs, true);
            Duration toConverge = Duration.between(calm, Instant.now());

            assertTrue(restarts >= PROFILE.workerRestarts(), "only " + restarts + " worker restarts within the budget");
            assertTrue(isRunning(runtime.rest().status(name), 3), "transient faults never fail a task");
            report.put("tasks (devices) in the jobs", totalTasks)
                    .put("worker stop/start cycles (of them with failover before the return)", restarts + " (" + failovers + ")")
                    .put("throttling bursts planned", throttleBursts);
            putFaultFigures(report, counts);
            putOutcomeFigures(report, records, jobs, Duration.between(start, calm), toConverge);
            report.publish();
            assertEquals(0L, report.get("tasks lost"));
            assertFaultsInjected(counts);
        }
    }

    /**
     * (c): the API is gone for longer than the client's retry budget. The task keeps running and its
     * committed position, says so in the log, and catches up by itself once the API is back.
     */
    @Test
    void anApiOutageLongerThanTheRetryBudgetIsRiddenOutWithoutLosingThePosition() {
        startSimulator("chaosOutage", OtaApiSimulator.builder().seed(PROFILE.seed() + 1));
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(PROFILE.tasks(1_000)).changeRate(0.2)),
                job(JobSpec.upgrade().taskCount(PROFILE.tasks(300)).changeRate(0.3)));
        int totalTasks = PROFILE.tasks(1_300);
        ChaosReport report = new ChaosReport("ChaosIT: API outage longer than the retry budget (profile "
                + PROFILE.name() + ")");
        Instant start = Instant.now();
        try (LogCapture logs = LogCapture.start(Level.INFO, Level.INFO, List.of(), "io.github.otaconnect");
             TopicRecords records = reader()) {
            deploy(connectorConfig(jobs, 2), 2);
            awaitTaskRecords(records, totalTasks);

            simulator.stop();
            Instant down = Instant.now();
            await("both tasks notice the outage").atMost(TIMEOUT).until(() ->
                    logs.linesContaining("scan failed", "the committed position is kept").size() >= jobs.size());
            // whatever was in flight when the API went away is committed within a flush interval: wait until
            // the committed offsets hold still for two seconds
            AtomicReference<Set<String>> lastSeen = new AtomicReference<>(Set.of());
            await("the offsets in flight are committed").during(Duration.ofSeconds(2)).atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        Set<String> now = offsetSet(runtime.rest().offsets(name));
                        return lastSeen.getAndSet(now).equals(now);
                    });
            JsonNode offsetsDuringOutage = runtime.rest().offsets(name);
            int recordsDuringOutage = records.catchUp().all(taskTopic).size();
            Duration remaining = PROFILE.outage().minus(Duration.between(down, Instant.now()));
            await("the tasks keep running through the outage").during(remaining).atMost(remaining.plusSeconds(10))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> isRunning(runtime.rest().status(name), 2));
            assertEquals(offsetSet(offsetsDuringOutage), offsetSet(runtime.rest().offsets(name)),
                    "the committed position is kept");
            assertEquals(recordsDuringOutage, records.catchUp().all(taskTopic).size(), "nothing written while down");
            int failedScans = logs.linesContaining("scan failed", "the committed position is kept").size();

            simulator.start();
            Instant up = Instant.now();
            simulator.scenario().finishAll();
            awaitConvergence(records, jobs, true);
            Duration toRecover = Duration.between(up, Instant.now());

            List<LogCapture.Line> warnings = logs.linesContaining("scan failed", "the committed position is kept");
            assertTrue(warnings.stream().allMatch(l -> l.level() == Level.WARN), warnings.toString());
            assertTrue(warnings.get(0).text().contains("Connection refused")
                    || warnings.get(0).text().contains("network error"), warnings.get(0).toString());
            assertFalse(logs.linesContaining("scan succeeded again").isEmpty(),
                    "the log says when the API is back: " + logs.lines());
            assertTrue(isRunning(runtime.rest().status(name), 2));

            report.put("outage (simulator stopped)", seconds(Duration.between(down, up)))
                    .put("client retry budget per call", RETRY_ATTEMPTS + " attempts, backoff 50 ms .. "
                            + RETRY_BACKOFF_MAX_MS + " ms")
                    .put("failed scans logged (WARN) during the outage", failedScans)
                    .put("task state during the outage", "RUNNING throughout (checked every 0.5 s)")
                    .put("committed offsets during the outage", "unchanged")
                    .put("first WARN line", warnings.get(0).text())
                    .put("recovery line", logs.linesContaining("scan succeeded again").get(0).text());
            putOutcomeFigures(report, records, jobs, Duration.between(start, up), toRecover);
            report.publish();
            assertEquals(0L, report.get("tasks lost"));
        }
    }

    /**
     * (d): the AccessKey is revoked mid-run. Every task fails once, with a message that names the setting
     * to fix, and stops calling the API (no crash loop); a new key put into the configuration brings the
     * tasks back, and nothing is lost.
     */
    @Test
    void revokedCredentialsFailEachTaskOnceWithTheFixAndNoCrashLoop() {
        startSimulator("chaosRevoked", OtaApiSimulator.builder().seed(PROFILE.seed() + 2));
        List<String> jobs = List.of(job(JobSpec.upgrade().taskCount(PROFILE.tasks(800)).changeRate(0.2)),
                job(JobSpec.upgrade().taskCount(PROFILE.tasks(400)).changeRate(0.2)),
                job(JobSpec.verify().taskCount(PROFILE.tasks(100)).changeRate(0.2)));
        ChaosReport report = new ChaosReport("ChaosIT: credentials revoked mid-run (profile " + PROFILE.name() + ")");
        Instant start = Instant.now();
        Map<String, String> config = connectorConfig(jobs, 3);
        try (LogCapture logs = LogCapture.start(Level.INFO, Level.INFO, List.of(), "io.github.otaconnect");
             TopicRecords records = reader()) {
            deploy(config, 3);
            awaitTaskRecords(records, PROFILE.tasks(1_300));

            simulator.revokeCredentials(OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
            Instant revoked = Instant.now();
            awaitState("every task fails", status -> failedTasks(status) == 3);
            Duration toFail = Duration.between(revoked, Instant.now());
            JsonNode status = runtime.rest().status(name);
            for (JsonNode task : status.path("tasks")) {
                String trace = task.path("trace").asText();
                assertTrue(trace.contains("InvalidAccessKeyId.NotFound"), trace);
                assertTrue(trace.contains("ota.access.key.id"), "the message names the setting: " + trace);
                assertTrue(trace.contains("RAM console"), "the message says where to look: " + trace);
            }
            assertFalse(logs.linesContaining("Stopping the task", "ota.access.key.id").isEmpty(), logs.lines().toString());

            long callsWhenFailed = simulator.counters().snapshot().total();
            Duration watch = Duration.ofSeconds(PROFILE.name().equals("long") ? 30 : 5);
            await("no call after the tasks failed").during(watch).atMost(watch.plusSeconds(5))
                    .until(() -> simulator.counters().snapshot().total() == callsWhenFailed);
            long rejected = simulator.counters().snapshot().countOutcome("InvalidAccessKeyId.NotFound");
            assertTrue(rejected <= 3 * 2, rejected + " calls with the revoked key: a crash loop?");

            // The operator's fix: a new AccessKey pair in the configuration; the update restarts the tasks.
            simulator.addCredentials("chaos-rotated-id", "chaos-rotated-secret");
            config.put("ota.access.key.id", "chaos-rotated-id");
            config.put("ota.access.key.secret", "chaos-rotated-secret");
            runtime.rest().putConfig(name, config);
            awaitState("the tasks run again", s -> isRunning(s, 3));
            simulator.scenario().finishAll();
            Instant fixed = Instant.now();
            awaitConvergence(records, jobs, true);

            report.put("time from revocation to all 3 tasks FAILED", seconds(toFail))
                    .put("calls answered InvalidAccessKeyId.NotFound (whole run)", rejected)
                    .put("calls in the " + watch.toSeconds() + " s after the failure", 0)
                    .put("task trace (first line)", firstLine(status.path("tasks").get(0).path("trace").asText()));
            putOutcomeFigures(report, records, jobs, Duration.between(start, fixed), Duration.between(fixed, Instant.now()));
            report.publish();
            assertEquals(0L, report.get("tasks lost"));
        }
    }

    // ------------------------------------------------------------------------------------------------ faults

    /**
     * {@code rate} of the calls get HTTP 500, HTTP 503 or iot.system.SystemException; on top of that a few
     * in a hundred get a truncated body, an HTML page, a connection reset, or an answer slower than the
     * client's request timeout.
     */
    private void injectRandomFaults(double rate, Duration slowerThanTheTimeout) {
        simulator.faults().reseed(PROFILE.seed())
                .failRandomly(rate * 0.40, Fault.internalError())
                .failRandomly(rate * 0.30, Fault.serviceUnavailable())
                .failRandomly(rate * 0.30, Fault.systemException())
                .failRandomly(0.015, Fault.truncatedJson())
                .failRandomly(0.015, Fault.htmlPage())
                .failRandomly(0.015, Fault.connectionReset())
                .failRandomly(0.01, Fault.slow(slowerThanTheTimeout));
    }

    private static void putFaultFigures(ChaosReport report, CallCounts counts) {
        long faults = 0;
        StringBuilder byKind = new StringBuilder();
        for (Fault.Kind kind : Fault.Kind.values()) {
            long n = counts.countOutcome(Fault.outcomeOf(kind));
            faults += n;
            byKind.append(byKind.length() == 0 ? "" : ", ").append(kind.name().toLowerCase()).append(' ').append(n);
        }
        long serverErrors = counts.countOutcome(Fault.outcomeOf(Fault.Kind.INTERNAL_ERROR))
                + counts.countOutcome(Fault.outcomeOf(Fault.Kind.SERVICE_UNAVAILABLE))
                + counts.countOutcome(Fault.outcomeOf(Fault.Kind.SYSTEM_EXCEPTION));
        long calls = Math.max(1, counts.total());
        report.put("API calls during the chaos", counts.total())
                .put("faults injected", faults + String.format(" (%.1f %% of calls)", 100.0 * faults / calls))
                .put("HTTP 500 / 503 / iot.system.SystemException", serverErrors
                        + String.format(" (%.1f %% of calls)", 100.0 * serverErrors / calls))
                .put("faults by type", byKind);
    }

    private static void assertFaultsInjected(CallCounts counts) {
        for (Fault.Kind kind : Fault.Kind.values()) {
            assertTrue(counts.countOutcome(Fault.outcomeOf(kind)) > 0, "no " + kind + " fault was injected: " + counts);
        }
    }

    private void putOutcomeFigures(ChaosReport report, TopicRecords records, List<String> jobs, Duration chaos,
                                   Duration toConverge) {
        records.catchUp();
        report.put("task records written", records.all(taskTopic).size())
                .put("job snapshots written", records.all(jobTopic).size())
                .put("duplicates (at-least-once)", Convergence.duplicateCount(records, taskTopic))
                .put("tasks lost", Convergence.lostTasks(simulator.scenario(), jobs, records, taskTopic))
                .put("chaos phase", seconds(chaos))
                .put("time to converge after the chaos", seconds(toConverge));
    }

    // ------------------------------------------------------------------------------------------------ workers

    /** A live worker that runs at least one of the connector's tasks, picked by the seeded plan. */
    private WorkerHandle aWorkerRunningATask(Random plan) {
        Set<String> busy = new HashSet<>(taskWorkers().values());
        List<WorkerHandle> candidates = new ArrayList<>();
        for (WorkerHandle worker : runtime.cluster().workers()) {
            if (busy.contains(workerId(worker))) {
                candidates.add(worker);
            }
        }
        List<WorkerHandle> pool = candidates.isEmpty() ? new ArrayList<>(runtime.cluster().workers()) : candidates;
        pool.sort((a, b) -> workerId(a).compareTo(workerId(b)));
        return pool.get(plan.nextInt(pool.size()));
    }

    private static String workerId(WorkerHandle worker) {
        return worker.url().getHost() + ":" + worker.url().getPort();
    }

    /** Every task runs, on a worker that is still in the cluster (the status can name a departed one for a while). */
    private void awaitTasksOnLiveWorkers(int tasks) {
        awaitState("all tasks running on live workers", status -> {
            if (!isRunning(status, tasks)) {
                return false;
            }
            Set<String> live = new HashSet<>();
            runtime.cluster().workers().forEach(w -> live.add(workerId(w)));
            for (JsonNode task : status.path("tasks")) {
                if (!live.contains(task.path("worker_id").asText())) {
                    return false;
                }
            }
            return true;
        });
    }

    /** The committed offsets as a set of partition/offset texts, whatever order the REST API lists them in. */
    private static Set<String> offsetSet(JsonNode offsets) {
        Set<String> set = new HashSet<>();
        offsets.path("offsets").forEach(entry -> set.add(entry.toString()));
        return set;
    }

    private static int failedTasks(JsonNode status) {
        int failed = 0;
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                failed++;
            }
        }
        return failed;
    }

    private static void pause(Duration duration) {
        if (!duration.isZero()) {
            await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
        }
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
