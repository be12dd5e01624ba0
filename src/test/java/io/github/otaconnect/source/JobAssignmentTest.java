package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class JobAssignmentTest {

    @Test
    void everyJobGoesToExactlyOneTaskAndNoMoreTasksThanJobs() {
        List<String> jobs = List.of("job-a", "job-b", "job-c");

        List<JobAssignment.TaskShare> shares = JobAssignment.assign(jobs, Map.of(), 8, 8.0);

        assertEquals(3, shares.size());
        Set<String> assigned = new HashSet<>();
        shares.forEach(s -> assigned.addAll(s.jobIds()));
        assertEquals(Set.copyOf(jobs), assigned);
        assertEquals(3, shares.stream().mapToInt(s -> s.jobIds().size()).sum());
    }

    @Test
    void sharesFollowTheWorkAndNeverExceedTheBudget() {
        List<String> jobs = List.of("big", "small-1", "small-2", "small-3");
        Map<String, Long> costs = Map.of("big", 10_001L, "small-1", 2L, "small-2", 2L, "small-3", 2L);

        List<JobAssignment.TaskShare> shares = JobAssignment.assign(jobs, costs, 2, 10.0);

        JobAssignment.TaskShare big = shares.stream().filter(s -> s.jobIds().contains("big")).findFirst().orElseThrow();
        assertEquals(List.of("big"), big.jobIds());
        assertTrue(big.qpsPerAction() > 8.0, "the big job's task gets most of the budget: " + big.qpsPerAction());
        double sum = shares.stream().mapToDouble(JobAssignment.TaskShare::qpsPerAction).sum();
        assertTrue(sum <= 10.0, "sum " + sum);
        assertTrue(sum > 9.99, "the budget is used: " + sum);
    }

    @Test
    void aTaskWithOnlySmallJobsKeepsAFloorShare() {
        Map<String, Long> costs = Map.of("huge", 1_000_000L, "tiny", 1L);

        List<JobAssignment.TaskShare> shares = JobAssignment.assign(List.of("huge", "tiny"), costs, 2, 8.0);

        double tiny = shares.stream().filter(s -> s.jobIds().contains("tiny")).findFirst().orElseThrow().qpsPerAction();
        // The floor (a quarter of an even split) rounds to one whole query per second.
        assertEquals(1.0, tiny);
    }

    @Test
    void oneTaskGetsTheWholeBudget() {
        List<JobAssignment.TaskShare> shares = JobAssignment.assign(List.of("a", "b"), Map.of(), 1, 9.0);

        assertEquals(1, shares.size());
        assertEquals(List.of("a", "b"), shares.get(0).jobIds());
        assertEquals(9.0, shares.get(0).qpsPerAction(), 1e-6);
    }

    @Test
    void sharesAreWholeQueriesPerSecondSoThatEverySecondStaysWithinTheBudget() {
        Map<String, Long> costs = Map.of("a", 500L, "b", 300L, "c", 120L, "d", 80L);

        List<JobAssignment.TaskShare> shares = JobAssignment.assign(List.of("a", "b", "c", "d"), costs, 4, 10.0);

        double sum = 0;
        for (JobAssignment.TaskShare share : shares) {
            assertEquals(Math.rint(share.qpsPerAction()), share.qpsPerAction(), "whole: " + share);
            assertTrue(share.qpsPerAction() >= 1.0);
            sum += share.qpsPerAction();
        }
        assertEquals(10.0, sum);
    }

    @Test
    void theMonitorsShareAndTheTasksSharesTogetherStayWithinTheBudget() {
        Map<String, Long> costs = Map.of("a", 500L, "b", 300L, "c", 120L, "d", 80L, "e", 2L);
        for (double budget : new double[] {0.01, 0.5, 1.0, 2.0, 3.7, 8.0, 8.95, 9.0, 10.0, 50.0, 1000.0}) {
            for (int maxTasks = 1; maxTasks <= 6; maxTasks++) {
                for (boolean monitorMayCall : new boolean[] {true, false}) {
                    List<JobAssignment.TaskShare> shares = JobAssignment.assign(List.of("a", "b", "c", "d", "e", "f"),
                            costs, maxTasks, JobAssignment.taskBudget(budget, monitorMayCall));
                    double monitor = monitorMayCall ? JobAssignment.monitorShare(budget) : 0;
                    double sum = monitor + shares.stream().mapToDouble(JobAssignment.TaskShare::qpsPerAction).sum();
                    assertTrue(sum <= budget, "budget " + budget + ", " + maxTasks + " tasks, monitor calls "
                            + monitorMayCall + ": every caller together " + sum);
                    assertTrue(monitor <= 1.0, "monitor share " + monitor);
                }
            }
        }
    }

    @Test
    void withAWholeNumberBudgetNoSecondHoldsMoreCallsThanTheBudget() {
        Map<String, Long> costs = Map.of("a", 10_001L, "b", 300L, "c", 120L, "d", 80L, "e", 2L, "f", 2L);
        for (int budget = 1; budget <= 12; budget++) {
            for (boolean monitorMayCall : new boolean[] {true, false}) {
                int monitorCalls = monitorMayCall ? 1 : 0;
                for (int maxTasks = 1; maxTasks + monitorCalls <= budget && maxTasks <= 6; maxTasks++) {
                    List<JobAssignment.TaskShare> shares = JobAssignment.assign(List.of("a", "b", "c", "d", "e", "f"),
                            costs, maxTasks, JobAssignment.taskBudget(budget, monitorMayCall));
                    // A client keeps to floor(share) calls in any second, and to one below one query per second.
                    int perSecond = monitorCalls;
                    for (JobAssignment.TaskShare share : shares) {
                        perSecond += Math.max(1, (int) Math.floor(share.qpsPerAction()));
                    }
                    assertTrue(perSecond <= budget, "budget " + budget + ", " + maxTasks + " tasks, monitor calls "
                            + monitorMayCall + ": up to " + perSecond + " calls in one second");
                }
            }
        }
    }

    @Test
    void whenTheMonitorHasNothingLeftToDoTheTasksGetTheWholeBudget() {
        List<JobAssignment.TaskShare> shares = JobAssignment.assign(List.of("a", "b", "c"),
                Map.of("a", 50L, "b", 3L, "c", 2L), 3, JobAssignment.taskBudget(10.0, false));

        assertEquals(10.0, shares.stream().mapToDouble(JobAssignment.TaskShare::qpsPerAction).sum());
    }

    @Test
    void whileTheMonitorMayCallTheTasksLeaveItItsShare() {
        List<JobAssignment.TaskShare> shares = JobAssignment.assign(List.of("a", "b", "c"),
                Map.of("a", 50L, "b", 3L), 3, JobAssignment.taskBudget(8.0, true));

        assertEquals(7.0, shares.stream().mapToDouble(JobAssignment.TaskShare::qpsPerAction).sum(),
                "8 less the monitor's 0.8, in whole queries per second");
    }
}
