package io.github.otaconnect.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.connector.ConnectorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.OtaApiException;
import io.github.otaconnect.push.PushDelivery;
import io.github.otaconnect.push.PushInbox;

/**
 * The connector's one background thread: every discovery interval it lists the jobs of the configured
 * products and firmware ({@link JobDiscovery}), learns the size of jobs it has not sized yet
 * ({@link JobSizeProbe}), and asks the framework for a new task assignment when the jobs to follow changed
 * or sizes arrived that the last assignment had to guess. A listing that fails keeps the last known jobs and
 * is tried again one interval later; it never fails the connector.
 *
 * <p>It calls the API only where the budget has room for it ({@link JobAssignment} states the rule): each
 * assignment it hands out says whether it may call while that assignment is in force, and it probes a job
 * only if it never sized it before, and only before the first assignment or while the one in force leaves
 * it its share.
 */
final class JobMonitor implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(JobMonitor.class);
    /** The first assignment waits this long for the first round, so it rarely has to be redone at once. */
    static final Duration FIRST_ASSIGNMENT_WAIT = Duration.ofSeconds(5);
    /** Pushed job status messages start a discovery round at most this often. */
    static final Duration MIN_PUSHED_ROUND_GAP = Duration.ofSeconds(10);

    private final List<String> explicitJobs;
    private final JobDiscovery discovery;
    private final JobSizeProbe sizes;
    private final Duration interval;
    private final Duration firstAssignmentWait;
    private final ConnectorContext context;
    private final CountDownLatch firstRound = new CountDownLatch(1);
    private volatile boolean stopped;
    /** Wakes the monitor for a pushed job status message about a job it does not follow, or to stop. */
    private final PushInbox wakeUp = new PushInbox();
    private final DiscoveryListener listener;

    private final Object lock = new Object();
    /** Explicit jobs first, in configuration order, then the discovered ones by ID. */
    private List<String> jobs;
    /** Every job sized so far, also those no longer followed: a job is sized once per connector instance. */
    private final Map<String, Long> costs = new HashMap<>();
    private Set<String> assignedJobs;
    private Set<String> assignedWithoutCost = Set.of();
    /** The assignment handed out last left the monitor its share of the budget. */
    private boolean shareReserved;
    private boolean reconfigurationRequested;

    /**
     * @param discovery           null when only the explicit jobs are followed
     * @param firstAssignmentWait how long the first {@link #forAssignment()} waits for the first round
     */
    JobMonitor(List<String> explicitJobs, JobDiscovery discovery, JobSizeProbe sizes, Duration interval,
               Duration firstAssignmentWait, ConnectorContext context, DiscoveryListener listener) {
        this.explicitJobs = List.copyOf(explicitJobs);
        this.jobs = this.explicitJobs;
        this.discovery = discovery;
        this.sizes = sizes;
        this.interval = interval;
        this.firstAssignmentWait = firstAssignmentWait;
        this.context = context;
        this.listener = listener;
    }

    /**
     * The jobs to assign and what a scan of each costs, as one consistent view.
     *
     * @param monitorMayCall the monitor may call the API while this assignment is in force (discovery is on,
     *                       or a job is still to be sized), so the tasks must leave it its share
     */
    record Assignment(List<String> jobIds, Map<String, Long> scanCosts, boolean monitorMayCall) {
    }

    @Override
    public void run() {
        try {
            Instant lastRound = Instant.EPOCH;
            Instant nextRound = Instant.EPOCH;
            List<PushDelivery> answered = new ArrayList<>();
            while (!stopped) {
                Instant now = Instant.now();
                if (now.isBefore(nextRound)) {
                    wakeUp.await(Duration.between(now, nextRound));
                    List<PushDelivery> pushed = wakeUp.takeAll();
                    answered.addAll(pushed);
                    if (discovery != null && pushed.stream().anyMatch(PushDelivery::isJobStatus)) {
                        // A job status about a job not followed yet: discover now, but not more often than this.
                        Instant soonest = lastRound.plus(MIN_PUSHED_ROUND_GAP);
                        nextRound = soonest.isBefore(nextRound) ? soonest : nextRound;
                    }
                    continue;
                }
                lastRound = now;
                try {
                    runRound();
                } catch (RuntimeException e) {
                    // Discovery is a convenience on top of the explicit jobs: a bug in it must not take the
                    // connector down, and the next round may well succeed.
                    log.error("OTA job discovery failed unexpectedly; the connector keeps following the jobs it knew "
                            + "and tries again in {} s", interval.toSeconds(), e);
                }
                firstRound.countDown();
                answered.forEach(PushDelivery::acknowledge);
                answered.clear();
                nextRound = lastRound.plus(interval);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            firstRound.countDown();
        }
    }

    void stop() {
        stopped = true;
        wakeUp.wake();
    }

    /** Where pushed job status messages about jobs not followed go (see {@link #follows}). */
    PushInbox pushInbox() {
        return wakeUp;
    }

    /** Whether the job is followed now: explicit or discovered. */
    boolean follows(String jobId) {
        synchronized (lock) {
            return jobs.contains(jobId);
        }
    }

    /**
     * The current view for {@code taskConfigs()}. The first call waits briefly for the first round; each call
     * remembers what it handed out, so that a later round knows whether a reassignment is worth asking for.
     */
    Assignment forAssignment() {
        try {
            firstRound.await(firstAssignmentWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            assignedJobs = Set.copyOf(jobs);
            Map<String, Long> known = new HashMap<>();
            Set<String> unsized = new HashSet<>();
            for (String jobId : jobs) {
                Long cost = costs.get(jobId);
                if (cost == null) {
                    unsized.add(jobId);
                } else {
                    known.put(jobId, cost);
                }
            }
            assignedWithoutCost = unsized;
            shareReserved = discovery != null || !unsized.isEmpty();
            reconfigurationRequested = false;
            return new Assignment(jobs, Map.copyOf(known), shareReserved);
        }
    }

    /**
     * One discovery and sizing round; package-private so tests can drive rounds without the thread. The jobs
     * are published before their sizes are learned (a first assignment that cannot wait for the sizes still
     * gets every job), but a reassignment is asked for only at the end, so one change costs one reassignment.
     */
    void runRound() throws InterruptedException {
        List<String> next = discoverJobs();
        synchronized (lock) {
            if (!next.equals(jobs)) {
                logChange(jobs, next);
            }
            jobs = next;
        }
        for (String jobId : next) {
            boolean probe;
            synchronized (lock) {
                probe = !costs.containsKey(jobId) && mayProbe();
            }
            if (probe) {
                OptionalLong cost = sizes.scanCost(jobId);
                if (cost.isPresent()) {
                    synchronized (lock) {
                        costs.put(jobId, cost.getAsLong());
                    }
                }
            }
        }
        synchronized (lock) {
            maybeRequestReassignment();
        }
    }

    /**
     * Called under the lock. Before the first assignment the tasks are not running yet (or still run an
     * earlier connector's assignment, see {@link JobAssignment}); after it, only an assignment that left the
     * monitor its share lets it probe. Without discovery a job unsized now was unsized then, so this holds by
     * itself; it is checked anyway, because it is what keeps the sum within the budget.
     */
    private boolean mayProbe() {
        return assignedJobs == null || shareReserved;
    }

    private List<String> discoverJobs() throws InterruptedException {
        List<String> current;
        synchronized (lock) {
            current = jobs;
        }
        if (discovery == null) {
            return current;
        }
        try {
            JobDiscovery.Result result = discovery.discover();
            listener.discovered(result);
            Set<String> union = new LinkedHashSet<>(explicitJobs);
            union.addAll(result.jobIds());
            log.debug("Job discovery: {} firmware, {} jobs listed, {} finished before the backfill horizon, "
                    + "{} jobs to follow", result.firmwareCount(), result.jobsListed(), result.jobsBeyondHorizon(),
                    union.size());
            return List.copyOf(union);
        } catch (OtaApiException e) {
            listener.failed(e);
            if (ApiErrorPolicy.classify(e) == ApiErrorPolicy.Verdict.FAIL_TASK) {
                log.error("Job discovery failed; the connector keeps following the {} jobs it knew and tries again in "
                        + "{} s. {}", current.size(), interval.toSeconds(), e.getMessage());
            } else {
                log.warn("Job discovery failed; the connector keeps following the {} jobs it knew and tries again in "
                        + "{} s. {}", current.size(), interval.toSeconds(), e.getMessage());
            }
            return current;
        }
    }

    private void logChange(List<String> before, List<String> after) {
        Set<String> added = new LinkedHashSet<>(after);
        before.forEach(added::remove);
        Set<String> removed = new LinkedHashSet<>(before);
        after.forEach(removed::remove);
        log.info("Jobs to follow changed: {} now{}{}", after.size(), added.isEmpty() ? "" : ", new: " + added,
                removed.isEmpty() ? "" : ", no longer listed or beyond the backfill horizon: " + removed);
    }

    /** Called under the lock. One request per assignment: the framework answers it with a taskConfigs() call. */
    private void maybeRequestReassignment() {
        if (assignedJobs == null || reconfigurationRequested || stopped) {
            return;
        }
        boolean jobsChanged = !assignedJobs.equals(Set.copyOf(jobs));
        boolean sizesArrived = assignedWithoutCost.stream().anyMatch(costs::containsKey);
        if (jobsChanged || sizesArrived) {
            reconfigurationRequested = true;
            log.debug("Requesting a new task assignment ({})", jobsChanged ? "the jobs changed" : "job sizes arrived");
            context.requestTaskReconfiguration();
        }
    }

    /** Observes discovery rounds, for metrics. */
    interface DiscoveryListener {
        default void discovered(JobDiscovery.Result result) {
        }

        default void failed(OtaApiException error) {
        }
    }
}
