package io.github.otaconnect.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.Scenario;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.simulator.TaskStatus;

/**
 * An update rollout as it looks from the API: every task of the job starts QUEUED; a share of the devices
 * each take their update at their own moment within a given time, QUEUED -> NOTIFIED -> IN_PROGRESS ->
 * SUCCEEDED (or FAILED, one in ten); the other devices stay QUEUED (offline), so the job stays IN_PROGRESS
 * and is scanned to the end. The schedule is drawn from a seed up front and applied by a timer as each
 * step falls due, so two runs with one seed make the same changes at the same offsets from their start.
 */
final class Rollout implements Changes {

    private static final long TICK_MS = 50;
    private static final double FAILURE_PROBABILITY = 0.1;

    private final Scenario scenario;
    private final String jobId;
    private final ChangeTimes changeTimes;
    private final List<Step> steps;
    private final AtomicLong applied = new AtomicLong();
    private final ScheduledExecutorService timer;
    private long startMs;
    private int next;

    private record Step(long atMs, int task, TaskStatus status) {
    }

    /**
     * @param fraction share of the job's tasks that take their update
     * @param within   every step of every updating device happens within this time from {@link #start()}
     */
    Rollout(Scenario scenario, String jobId, double fraction, Duration within, long seed, ChangeTimes changeTimes) {
        this.scenario = scenario;
        this.jobId = jobId;
        this.changeTimes = changeTimes;
        this.steps = schedule(scenario.truth(jobId).taskCount(), fraction, within.toMillis(), seed);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rollout-" + jobId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A job waiting for its rollout: every task QUEUED, nothing moving until a {@link Rollout} moves it. */
    static JobSpec queuedJob(int tasks, long seed) {
        return JobSpec.upgrade().taskCount(tasks).history(Duration.ofMinutes(10)).changeRate(0).seed(seed).build();
    }

    /**
     * Each updating device waits to be notified, takes 1 to 10 % of the rollout's time to start, and 10 to
     * 40 % of it to finish; its start is spread evenly over what is left, so the changes come at a steady
     * rate with the overlap of a real rollout rather than in one burst.
     */
    private static List<Step> schedule(int taskCount, double fraction, long withinMs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[taskCount];
        for (int i = 0; i < taskCount; i++) {
            order[i] = i;
        }
        for (int i = taskCount - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int updating = (int) Math.round(taskCount * fraction);
        List<Step> steps = new ArrayList<>(updating * 3);
        for (int k = 0; k < updating; k++) {
            long toStart = (long) (withinMs * (0.01 + 0.09 * random.nextDouble()));
            long toFinish = (long) (withinMs * (0.10 + 0.30 * random.nextDouble()));
            long notifiedAt = (long) (random.nextDouble() * (withinMs - toStart - toFinish));
            TaskStatus outcome = random.nextDouble() < FAILURE_PROBABILITY ? TaskStatus.FAILED : TaskStatus.SUCCEEDED;
            steps.add(new Step(notifiedAt, order[k], TaskStatus.NOTIFIED));
            steps.add(new Step(notifiedAt + toStart, order[k], TaskStatus.IN_PROGRESS));
            steps.add(new Step(notifiedAt + toStart + toFinish, order[k], outcome));
        }
        steps.sort(Comparator.comparingLong(Step::atMs).thenComparingInt(Step::task));
        return List.copyOf(steps);
    }

    @Override
    public Rollout start() {
        startMs = System.currentTimeMillis();
        timer.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public long applied() {
        return applied.get();
    }

    private void tick() {
        long elapsed = System.currentTimeMillis() - startMs;
        while (next < steps.size() && steps.get(next).atMs() <= elapsed) {
            Step step = steps.get(next++);
            TaskState changed = scenario.changeTask(jobId, step.task(), step.status());
            changeTimes.record(changed, System.currentTimeMillis());
            applied.incrementAndGet();
        }
    }

    @Override
    public void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
