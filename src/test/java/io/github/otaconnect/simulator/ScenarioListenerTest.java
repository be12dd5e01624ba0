package io.github.otaconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioListenerTest {

    private final ManualClock clock = new ManualClock();
    private final Scenario scenario = new Scenario(clock, 7);
    private final List<TaskState> taskChanges = new ArrayList<>();
    private final List<SimJobState> jobChanges = new ArrayList<>();
    private final ScenarioListener recorder = new ScenarioListener() {
        @Override
        public void taskChanged(TaskState task) {
            taskChanges.add(task);
        }

        @Override
        public void jobStatusChanged(SimJobState job) {
            jobChanges.add(job);
        }
    };

    private String lively() {
        return scenario.addJob(JobSpec.upgrade().jobId("job-l").taskCount(30).changeRate(0.5)
                .failureProbability(0.2).retry(1, 1).build());
    }

    @Test
    void theLastReportedStateOfEachTaskIsItsTruth() {
        String jobId = lively();
        scenario.addListener(recorder);
        for (int k = 0; k < 40; k++) {
            clock.advanceSeconds(1);
            scenario.advance();
        }
        assertFalse(taskChanges.isEmpty());
        Map<String, TaskState> last = new HashMap<>();
        taskChanges.forEach(t -> last.put(t.taskId(), t));
        JobTruth truth = scenario.truth(jobId);
        for (TaskState reported : last.values()) {
            TaskState actual = truth.task(reported.taskId()).orElseThrow();
            assertEquals(actual.taskStatus(), reported.taskStatus(), reported.taskId());
            assertEquals(actual.progress(), reported.progress(), reported.taskId());
        }
    }

    @Test
    void nothingIsReportedForTheStartingStateOrWithoutTimePassing() {
        scenario.addListener(recorder);
        lively();
        scenario.advance();
        assertTrue(taskChanges.isEmpty());
        assertTrue(jobChanges.isEmpty());
    }

    @Test
    void cancelingReportsEveryUnfinishedTaskAndThenTheJob() {
        String jobId = lively();
        scenario.addListener(recorder);
        int unfinished = 30 - scenario.truth(jobId).count(TaskStatus.SUCCEEDED)
                - scenario.truth(jobId).count(TaskStatus.CANCELED);
        scenario.cancelJob(jobId);
        assertEquals(unfinished, taskChanges.size());
        assertTrue(taskChanges.stream().allMatch(t -> t.taskStatus().equals("CANCELED")));
        assertEquals(List.of("CANCELED"), jobChanges.stream().map(SimJobState::jobStatus).toList());
    }

    @Test
    void aPlannedJobReportsItsStartAndItsCompletion() {
        scenario.addListener(recorder);
        String jobId = scenario.addJob(JobSpec.upgrade().jobId("job-p").taskCount(3)
                .scheduleIn(java.time.Duration.ofSeconds(10)).build());
        clock.advanceSeconds(11);
        scenario.finishJob(jobId);
        assertEquals(List.of("IN_PROGRESS", "COMPLETE"), jobChanges.stream().map(SimJobState::jobStatus).toList());
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        String jobId = lively();
        scenario.addListener(recorder);
        scenario.removeListener(recorder);
        scenario.cancelJob(jobId);
        assertTrue(taskChanges.isEmpty());
        assertTrue(jobChanges.isEmpty());
    }
}
