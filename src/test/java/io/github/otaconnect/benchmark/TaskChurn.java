package io.github.otaconnect.benchmark;

import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.otaconnect.simulator.JobTruth;
import io.github.otaconnect.simulator.Scenario;
import io.github.otaconnect.simulator.TaskState;
import io.github.otaconnect.simulator.TaskStatus;

/**
 * Keeps a fixed share of a job changing at a steady rate: random tasks among those that were active at the
 * start step QUEUED -> NOTIFIED -> IN_PROGRESS -> QUEUED (a retry). The active tasks stay active, so the
 * job's terminal share, and with it the cost of reading it, stays what the scenario set up, however long it
 * runs; status changes move rows between pages, as real ones do.
 */
final class TaskChurn implements Changes {

    private static final long TICK_MS = 50;

    private final Scenario scenario;
    private final String jobId;
    private final double perSecond;
    private final int[] active;
    private final SplittableRandom random;
    private final AtomicLong applied = new AtomicLong();
    private final ScheduledExecutorService timer;
    private final ChangeTimes changeTimes;
    private double owed;

    TaskChurn(Scenario scenario, String jobId, double changesPerSecond, long seed) {
        this(scenario, jobId, changesPerSecond, seed, null);
    }

    /** @param changeTimes where to note when each change became visible (null: nowhere) */
    TaskChurn(Scenario scenario, String jobId, double changesPerSecond, long seed, ChangeTimes changeTimes) {
        this.scenario = scenario;
        this.changeTimes = changeTimes;
        this.jobId = jobId;
        this.perSecond = changesPerSecond;
        this.random = new SplittableRandom(seed);
        JobTruth truth = scenario.truth(jobId);
        int[] indices = new int[truth.taskCount()];
        int n = 0;
        for (int i = 0; i < truth.taskCount(); i++) {
            if (!truth.task(i).settled()) {
                indices[n++] = i;
            }
        }
        this.active = java.util.Arrays.copyOf(indices, n);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "task-churn-" + jobId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Changes per second that make {@code fraction} of {@code tasks} change per {@code intervalMs}. */
    static double rateFor(int tasks, double fraction, long intervalMs) {
        return tasks * fraction * 1000.0 / intervalMs;
    }

    @Override
    public TaskChurn start() {
        if (perSecond > 0 && active.length > 0) {
            timer.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public long applied() {
        return applied.get();
    }

    int activeTasks() {
        return active.length;
    }

    private void tick() {
        owed += perSecond * TICK_MS / 1000.0;
        while (owed >= 1) {
            owed--;
            int index = active[random.nextInt(active.length)];
            TaskState task = scenario.task(jobId, index);
            TaskState changed = scenario.changeTask(jobId, index, next(task.taskStatus()));
            if (changeTimes != null) {
                changeTimes.record(changed, System.currentTimeMillis());
            }
            applied.incrementAndGet();
        }
    }

    private static TaskStatus next(String status) {
        return switch (status) {
            case "QUEUED" -> TaskStatus.NOTIFIED;
            case "NOTIFIED" -> TaskStatus.IN_PROGRESS;
            default -> TaskStatus.QUEUED;
        };
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
