package io.github.otaconnect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.OtaActions;
import io.github.otaconnect.api.OtaApiException;
import io.github.otaconnect.simulator.Fault;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;

class JobMonitorTest {

    private static final String PRODUCT = "a1Monitor";

    private final ScanFixture fixture = new ScanFixture();
    private final RecordingConnectorContext context = new RecordingConnectorContext();
    private final List<String> failures = new ArrayList<>();

    @AfterEach
    void close() {
        fixture.close();
    }

    private String addJob(int tasks) {
        return fixture.scenario().addJob(JobSpec.upgrade().productKey(PRODUCT).taskCount(tasks).changeRate(0).build());
    }

    private JobMonitor monitor(List<String> explicitJobs, boolean discover) {
        JobDiscovery discovery = discover ? new JobDiscovery(fixture.api, List.of(PRODUCT), List.of(),
                Duration.ofDays(7), fixture.clock.asClock()) : null;
        return new JobMonitor(explicitJobs, discovery, new JobSizeProbe(fixture.api, 100), Duration.ofHours(1),
                Duration.ZERO, context, new JobMonitor.DiscoveryListener() {
                    @Override
                    public void failed(OtaApiException error) {
                        failures.add(error.getMessage());
                    }
                });
    }

    @Test
    void aPushedJobStatusAboutAJobNotFollowedStartsDiscoveryLongBeforeTheInterval() throws Exception {
        String existing = addJob(5);
        JobMonitor monitor = monitor(List.of(), true);
        Thread thread = new Thread(monitor, "monitor-under-test");
        thread.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> monitor.follows(existing));
            String created = addJob(5);
            assertFalse(monitor.follows(created));

            java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();
            io.github.otaconnect.push.PushInboxes.deliver(monitor.pushInbox(),
                    io.github.otaconnect.push.PushDeliveries.job(created, acknowledged::incrementAndGet));

            // The interval is an hour: only the pushed message can make this happen within seconds.
            await().atMost(Duration.ofSeconds(20)).until(() -> monitor.follows(created));
            await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.get() == 1);
        } finally {
            monitor.stop();
            thread.join(5_000);
        }
    }

    @Test
    void aJobCreatedLaterIsAssignedAfterOneReassignmentRequest() throws Exception {
        String first = addJob(250);
        JobMonitor monitor = monitor(List.of(), true);
        monitor.runRound();
        JobMonitor.Assignment initial = monitor.forAssignment();
        assertEquals(List.of(first), initial.jobIds());
        assertEquals(1 + 3L, initial.scanCosts().get(first), "the job query plus three pages of tasks");

        monitor.runRound();
        assertEquals(0, context.reconfigurations.get(), "nothing changed, nothing to reassign");

        String second = addJob(20);
        monitor.runRound();
        monitor.runRound();
        assertEquals(1, context.reconfigurations.get(), "one request per change, until the framework reassigns");

        JobMonitor.Assignment next = monitor.forAssignment();
        assertEquals(Set.of(first, second), Set.copyOf(next.jobIds()));
        assertEquals(Set.of(first, second), next.scanCosts().keySet());
        monitor.runRound();
        assertEquals(1, context.reconfigurations.get());
    }

    @Test
    void listedJobsComeFirstAndJobSizesLearnedAfterTheFirstAssignmentTriggerAReassignment() throws Exception {
        String listed = addJob(5);
        String discovered = addJob(5);
        JobMonitor monitor = monitor(List.of(listed), true);

        JobMonitor.Assignment before = monitor.forAssignment();
        assertEquals(List.of(listed), before.jobIds(), "before the first round only the listed jobs are known");
        monitor.runRound();
        assertEquals(1, context.reconfigurations.get());

        JobMonitor.Assignment after = monitor.forAssignment();
        assertEquals(listed, after.jobIds().get(0));
        assertEquals(Set.of(listed, discovered), Set.copyOf(after.jobIds()));
    }

    @Test
    void withoutDiscoveryOnlyTheListedJobsAreFollowedAndSized() throws Exception {
        String listed = addJob(150);
        addJob(5);
        JobMonitor monitor = monitor(List.of(listed), false);

        monitor.runRound();
        JobMonitor.Assignment assignment = monitor.forAssignment();

        assertEquals(List.of(listed), assignment.jobIds());
        assertEquals(3L, assignment.scanCosts().get(listed));
        monitor.runRound();
        assertEquals(0, context.reconfigurations.get());
    }

    @Test
    void withoutDiscoveryTheShareIsReservedUntilEveryJobIsSizedAndThenTheMonitorMakesNoCalls() throws Exception {
        String unlucky = addJob(150);
        String sized = addJob(20);
        fixture.simulator.faults().failNext(OtaActions.LIST_OTA_TASK_BY_JOB, 1, Fault.internalError());
        JobMonitor monitor = monitor(List.of(unlucky, sized), false);

        monitor.runRound();
        JobMonitor.Assignment first = monitor.forAssignment();
        assertEquals(Set.of(sized), first.scanCosts().keySet(), "the first probe failed");
        assertTrue(first.monitorMayCall(), "a job still to be sized keeps the monitor's share");
        assertWithinBudget(first, 8.0);

        monitor.runRound();
        assertEquals(1, context.reconfigurations.get(), "the last size arrived: a reassignment is asked for");
        JobMonitor.Assignment second = monitor.forAssignment();
        assertEquals(Map.of(unlucky, 3L, sized, 2L), second.scanCosts());
        assertFalse(second.monitorMayCall(), "nothing left to size and no discovery");
        assertEquals(8.0, assertWithinBudget(second, 8.0), "the tasks get the whole budget");

        long callsBefore = fixture.simulator.counters().snapshot().total();
        monitor.runRound();
        monitor.runRound();
        assertEquals(callsBefore, fixture.simulator.counters().snapshot().total(),
                "no call beside tasks that hold the whole budget");
        assertEquals(3, fixture.simulator.counters().snapshot().total(OtaActions.LIST_OTA_TASK_BY_JOB),
                "each job sized once (one failed attempt)");
    }

    @Test
    void withDiscoveryEveryAssignmentLeavesTheMonitorItsShare() throws Exception {
        addJob(5);
        JobMonitor monitor = monitor(List.of(), true);

        assertTrue(monitor.forAssignment().monitorMayCall(), "before the first round");
        monitor.runRound();
        JobMonitor.Assignment sized = monitor.forAssignment();
        assertEquals(1, sized.scanCosts().size());
        assertTrue(sized.monitorMayCall(), "every job sized, but discovery may find another one to size");
        assertWithinBudget(sized, 8.0);
    }

    /** Returns what the tasks get; fails if they and the monitor together could use more than the budget. */
    private static double assertWithinBudget(JobMonitor.Assignment assignment, double budget) {
        List<JobAssignment.TaskShare> shares = JobAssignment.assign(assignment.jobIds(), assignment.scanCosts(), 2,
                JobAssignment.taskBudget(budget, assignment.monitorMayCall()));
        double tasks = shares.stream().mapToDouble(JobAssignment.TaskShare::qpsPerAction).sum();
        double monitor = assignment.monitorMayCall() ? JobAssignment.monitorShare(budget) : 0;
        assertTrue(tasks + monitor <= budget, "tasks " + tasks + " + monitor " + monitor + " > budget " + budget);
        return tasks;
    }

    @Test
    void aFailedDiscoveryKeepsTheJobsItKnewAndTheNextRoundCatchesUp() throws Exception {
        String first = addJob(5);
        JobMonitor monitor = monitor(List.of(), true);
        monitor.runRound();
        monitor.forAssignment();

        String second = addJob(5);
        fixture.simulator.faults().failNext(1, Fault.internalError());
        monitor.runRound();
        assertEquals(1, failures.size());
        assertEquals(List.of(first), monitor.forAssignment().jobIds(), "nothing dropped, nothing reassigned");
        assertEquals(0, context.reconfigurations.get());

        monitor.runRound();
        assertEquals(Set.of(first, second), Set.copyOf(monitor.forAssignment().jobIds()));
        assertEquals(1, context.reconfigurations.get());
    }

    @Test
    void revokedCredentialsAreReportedButNeverFailTheConnector() throws Exception {
        String first = addJob(5);
        JobMonitor monitor = monitor(List.of(), true);
        monitor.runRound();
        monitor.forAssignment();

        fixture.simulator.revokeCredentials(OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
        monitor.runRound();

        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("InvalidAccessKeyId"), failures.get(0));
        assertEquals(List.of(first), monitor.forAssignment().jobIds());
        assertEquals(List.of(), context.errors);
    }

    @Test
    void stopEndsTheMonitorThreadWithoutWaitingForTheInterval() {
        addJob(5);
        JobMonitor monitor = monitor(List.of(), true);
        Thread thread = new Thread(monitor, "test-job-monitor");
        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !monitor.forAssignment().jobIds().isEmpty());

        monitor.stop();

        await().atMost(Duration.ofSeconds(5)).until(() -> !thread.isAlive());
        assertFalse(thread.isAlive());
    }
}
