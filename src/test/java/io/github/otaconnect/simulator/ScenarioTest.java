package io.github.otaconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  private final ManualClock clock = new ManualClock();

  private static JobSpec lively(int tasks) {
    return JobSpec.upgrade().jobId("job-lively").taskCount(tasks).changeRate(0.5).failureProbability(0.3)
        .cancelProbability(0.05).confirmProbability(0.2).pauseProbability(0.1).retry(1, 1).build();
  }

  @Test
  void sameSeedSameHistoryHoweverOftenItIsObserved() {
    ManualClock clockA = new ManualClock();
    ManualClock clockB = new ManualClock();
    Scenario a = new Scenario(clockA, 42);
    Scenario b = new Scenario(clockB, 42);
    String jobA = a.addJob(lively(200));
    String jobB = b.addJob(lively(200));
    for (int k = 0; k < 300; k++) {
      clockA.advanceMillis(1000);
      a.truth(jobA); // observe often: must not change the history
    }
    clockB.advanceSeconds(300);
    assertEquals(a.truth(jobA).tasks(), b.truth(jobB).tasks());
    assertEquals(a.truth(jobA).job(), b.truth(jobB).job());
  }

  @Test
  void differentSeedsGiveDifferentHistories() {
    Scenario a = new Scenario(clock, 1);
    Scenario b = new Scenario(clock, 2);
    String jobA = a.addJob(lively(200));
    String jobB = b.addJob(lively(200));
    clock.advanceSeconds(60);
    assertNotEquals(a.truth(jobA).tasks(), b.truth(jobB).tasks());
  }

  @Test
  void generatedIdsAreReproducible() {
    Scenario a = new Scenario(clock, 9);
    Scenario b = new Scenario(clock, 9);
    JobSpec spec = JobSpec.upgrade().taskCount(3).build();
    assertEquals(a.addJob(spec), b.addJob(spec));
    assertEquals(a.firmware(null), b.firmware(null));
  }

  @Test
  void everyStatusShowsUpAndProgressMoves() {
    Scenario scenario = new Scenario(clock, 5);
    String jobId = scenario.addJob(lively(150));
    Set<TaskStatus> seen = EnumSet.noneOf(TaskStatus.class);
    Map<Integer, Integer> lastProgress = new HashMap<>();
    boolean progressRose = false;
    for (int second = 0; second < 400; second++) {
      JobTruth truth = scenario.truth(jobId);
      for (TaskState task : truth.tasks()) {
        seen.add(TaskStatus.fromWire(task.taskStatus()).orElseThrow());
        if (task.taskStatus().equals("IN_PROGRESS")) {
          Integer before = lastProgress.put(task.index(), task.progress());
          progressRose |= before != null && task.progress() > before;
        }
      }
      clock.advanceSeconds(1);
    }
    assertEquals(EnumSet.allOf(TaskStatus.class), seen);
    assertTrue(progressRose);
  }

  @Test
  void staticJobCompletesWhenNoTaskCanChange() {
    Scenario scenario = new Scenario(clock, 11);
    String jobId = scenario.addJob(lively(100));
    assertFalse(scenario.isSettled());
    assertEquals("IN_PROGRESS", scenario.job(jobId).jobStatus());
    assertNull(scenario.job(jobId).utcEndTime());
    clock.advance(Duration.ofDays(2));
    JobTruth truth = scenario.truth(jobId);
    assertTrue(scenario.isSettled());
    assertEquals("COMPLETE", truth.job().jobStatus());
    assertTrue(truth.allTasksSettled());
    Instant lastTaskChange = truth.tasks().stream().map(TaskState::utcModified).max(Instant::compareTo).orElseThrow();
    assertEquals(lastTaskChange, truth.job().utcEndTime());
    assertEquals(lastTaskChange, truth.job().utcModified());
    for (TaskState task : truth.tasks()) {
      assertTrue(Set.of("SUCCEEDED", "FAILED", "CANCELED").contains(task.taskStatus()), task.toString());
      if (task.taskStatus().equals("FAILED")) {
        assertEquals(1, task.retriesUsed(), "a failed task of a job with 1 retry was retried once");
      }
      if (task.taskStatus().equals("SUCCEEDED")) {
        assertEquals(100, task.progress());
      }
    }
  }

  @Test
  void failedTaskIsRequeuedAfterTheRetryInterval() {
    Scenario scenario = new Scenario(clock, 3);
    String jobId = scenario.addJob(JobSpec.upgrade().taskCount(1).changeRate(1).failureProbability(1)
        .cancelProbability(0).sameSecondProbability(0).retry(2, 5).build());
    Instant failedAt = null;
    while (failedAt == null) {
      clock.advanceSeconds(1);
      TaskState task = scenario.task(jobId, 0);
      if (task.taskStatus().equals("FAILED")) {
        failedAt = task.utcModified();
      }
    }
    clock.set(failedAt.plus(Duration.ofMinutes(5)).minusMillis(1));
    assertEquals("FAILED", scenario.task(jobId, 0).taskStatus());
    clock.set(failedAt.plus(Duration.ofMinutes(5)).plusSeconds(1));
    TaskState retried = scenario.task(jobId, 0);
    assertNotEquals("FAILED", retried.taskStatus());
    assertEquals(1, retried.retriesUsed());
    clock.advance(Duration.ofHours(1));
    TaskState last = scenario.task(jobId, 0);
    assertEquals("FAILED", last.taskStatus());
    assertEquals(2, last.retriesUsed());
    assertTrue(last.settled());
    assertEquals("COMPLETE", scenario.job(jobId).jobStatus());
    assertEquals(2, scenario.job(jobId).retryCount());
    assertEquals(5, scenario.job(jobId).retryInterval());
  }

  @Test
  void withoutRetryPolicyFailedIsFinalAndRetryFieldsAreAbsent() {
    Scenario scenario = new Scenario(clock, 3);
    String jobId = scenario.addJob(JobSpec.upgrade().taskCount(5).changeRate(1).failureProbability(1)
        .cancelProbability(0).build());
    clock.advance(Duration.ofHours(1));
    JobTruth truth = scenario.truth(jobId);
    assertEquals(5, truth.count(TaskStatus.FAILED));
    assertEquals("COMPLETE", truth.job().jobStatus());
    assertNull(truth.job().retryCount());
    assertNull(truth.job().retryInterval());
  }

  @Test
  void severalChangesOfOneTaskInsideOneSecond() {
    Scenario scenario = new Scenario(clock, 8);
    String jobId = scenario.addJob(JobSpec.upgrade().taskCount(20).changeRate(0.5)
        .sameSecondProbability(0.6).build());
    Map<Integer, List<TaskState>> history = new HashMap<>();
    for (int ms = 0; ms < 10_000; ms += 5) {
      for (TaskState task : scenario.truth(jobId).tasks()) {
        List<TaskState> seen = history.computeIfAbsent(task.index(), k -> new ArrayList<>());
        TaskState previous = seen.isEmpty() ? null : seen.get(seen.size() - 1);
        if (previous == null || !previous.taskStatus().equals(task.taskStatus())
            || previous.progress() != task.progress()) {
          seen.add(task);
        }
      }
      clock.advanceMillis(5);
    }
    long sameSecondPairs = history.values().stream().mapToLong(states -> {
      long pairs = 0;
      for (int k = 2; k < states.size(); k++) {
        if (states.get(k).utcModified().equals(states.get(k - 1).utcModified())) {
          pairs++;
        }
      }
      return pairs;
    }).sum();
    assertTrue(sameSecondPairs > 0, "some task changed twice within one second");
  }

  @Test
  void plannedJobStartsAtItsScheduleTimeAndEndsAtTheScheduleFinish() {
    Scenario scenario = new Scenario(clock, 4);
    Instant created = clock.now();
    String jobId = scenario.addJob(JobSpec.upgrade().taskCount(50).changeRate(0.001)
        .scheduleIn(Duration.ofMinutes(10)).scheduleLength(Duration.ofMinutes(30)).build());
    SimJobState planned = scenario.job(jobId);
    assertEquals("PLANNED", planned.jobStatus());
    assertEquals(0, planned.taskCount());
    assertEquals(created.plus(Duration.ofMinutes(10)), planned.utcScheduleTime());
    assertEquals(created.plus(Duration.ofMinutes(40)), planned.utcScheduleFinishTime());
    assertNull(planned.utcStartTime());

    clock.advance(Duration.ofMinutes(10));
    JobTruth started = scenario.truth(jobId);
    assertEquals("IN_PROGRESS", started.job().jobStatus());
    assertEquals(planned.utcScheduleTime(), started.job().utcStartTime());
    assertEquals(50, started.taskCount());
    assertEquals(planned.utcScheduleTime(), started.task(0).utcCreate());

    clock.advance(Duration.ofMinutes(30));
    JobTruth finished = scenario.truth(jobId);
    assertEquals("COMPLETE", finished.job().jobStatus());
    assertEquals(planned.utcScheduleFinishTime(), finished.job().utcEndTime());
    assertTrue(finished.count(TaskStatus.CANCELED) > 0);
    assertTrue(finished.allTasksSettled());
  }

  @Test
  void canceledJobsCancelTheirUnfinishedTasks() {
    Scenario scenario = new Scenario(clock, 4);
    String born = scenario.addJob(JobSpec.upgrade().taskCount(40).alreadyTerminal(0.5).canceled().build());
    JobTruth truth = scenario.truth(born);
    assertEquals("CANCELED", truth.job().jobStatus());
    assertEquals(0, truth.count(TaskStatus.QUEUED) + truth.count(TaskStatus.NOTIFIED)
        + truth.count(TaskStatus.IN_PROGRESS));
    assertTrue(truth.count(TaskStatus.SUCCEEDED) > 0, "finished tasks keep their status");

    String running = scenario.addJob(JobSpec.upgrade().taskCount(40).build());
    clock.advanceSeconds(30);
    scenario.cancelJob(running);
    JobTruth canceled = scenario.truth(running);
    assertEquals("CANCELED", canceled.job().jobStatus());
    assertEquals(clock.now().getEpochSecond(), canceled.job().utcEndTime().getEpochSecond());
    clock.advance(Duration.ofHours(1));
    assertEquals(canceled.tasks(), scenario.truth(running).tasks(), "nothing moves after the cancel");
  }

  @Test
  void dynamicJobGrowsAndNeverCompletes() {
    Scenario scenario = new Scenario(clock, 6);
    String jobId = scenario.addJob(JobSpec.upgrade().taskCount(10).dynamic(2.0).changeRate(1).build());
    SimJobState job = scenario.job(jobId);
    assertEquals("DYNAMIC", job.selectionType());
    assertEquals("ALL", job.targetSelection());
    assertEquals(1, job.dynamicMode());
    clock.advanceSeconds(100);
    assertEquals(210, scenario.job(jobId).taskCount());
    clock.advance(Duration.ofHours(1));
    scenario.finishAll();
    assertEquals("IN_PROGRESS", scenario.job(jobId).jobStatus());
    assertTrue(scenario.isSettled(), "dynamic jobs do not keep the scenario unsettled");
    scenario.stopGrowth(jobId);
    int size = scenario.job(jobId).taskCount();
    clock.advance(Duration.ofHours(1));
    assertEquals(size, scenario.job(jobId).taskCount());
  }

  @Test
  void alreadyTerminalJobsHaveAHistory() {
    Scenario scenario = new Scenario(clock, 12);
    String jobId = scenario.addJob(JobSpec.upgrade().taskCount(10_000).alreadyTerminal(0.95)
        .history(Duration.ofHours(6)).build());
    JobTruth truth = scenario.truth(jobId);
    int terminal = truth.count(TaskStatus.SUCCEEDED) + truth.count(TaskStatus.FAILED)
        + truth.count(TaskStatus.CANCELED);
    assertTrue(terminal > 9_300 && terminal < 9_700, "about 95% terminal: " + terminal);
    Instant start = clock.now().minus(Duration.ofHours(6));
    assertEquals(start, truth.job().utcCreate());
    long distinctSeconds = truth.tasks().stream().map(TaskState::utcModified).distinct().count();
    assertTrue(distinctSeconds > 1000, "modification times are spread over the history");
    assertTrue(truth.tasks().stream().allMatch(t -> !t.utcModified().isBefore(start)
        && !t.utcModified().isAfter(clock.now())));
  }

  @Test
  void allTerminalJobIsCompleteFromTheStart() {
    Scenario scenario = new Scenario(clock, 12);
    String jobId = scenario.addJob(JobSpec.verify().taskCount(8).initially(TaskStatus.SUCCEEDED, 1.0)
        .history(Duration.ofHours(1)).build());
    SimJobState job = scenario.job(jobId);
    assertEquals("COMPLETE", job.jobStatus());
    assertEquals("VERFIY_FIRMWARE", job.jobType());
    assertNotNull(job.utcEndTime());
    assertTrue(scenario.isSettled());
    assertEquals(1, scenario.firmware(null).get(0).status(), "a successful verification verifies the firmware");
  }

  @Test
  void lateChangeIsVisibleNowButBackdated() {
    Scenario scenario = new Scenario(clock, 2);
    String jobId = scenario.addJob(JobSpec.upgrade().taskCount(10).changeRate(0).build());
    clock.advance(Duration.ofMinutes(20));
    TaskState changed = scenario.lateChange(jobId, 3, TaskStatus.SUCCEEDED, Duration.ofMinutes(7));
    assertEquals("SUCCEEDED", changed.taskStatus());
    assertEquals(100, changed.progress());
    assertEquals(clock.now().minus(Duration.ofMinutes(7)), changed.utcModified());
    assertEquals(changed, scenario.truth(jobId).task(changed.taskId()).orElseThrow());
    TaskState byId = scenario.lateChange(jobId, scenario.task(jobId, 4).taskId(), TaskStatus.FAILED, Duration.ZERO);
    assertEquals(4, byId.index());
    assertEquals(clock.now(), byId.utcModified());
  }

  @Test
  void finishAllSettlesEverything() {
    Scenario scenario = new Scenario(clock, 2);
    scenario.addJob(lively(500));
    scenario.addJob(JobSpec.upgrade().taskCount(30).scheduleIn(Duration.ofHours(3)).build());
    scenario.addJob(JobSpec.upgrade().taskCount(30).changeRate(0).build());
    assertFalse(scenario.isSettled());
    scenario.finishAll();
    assertTrue(scenario.isSettled());
    for (String jobId : scenario.jobIds()) {
      assertEquals("COMPLETE", scenario.job(jobId).jobStatus());
      assertTrue(scenario.truth(jobId).allTasksSettled());
    }
  }

  @Test
  void firmwareAndJobListingsAreDerivedFromTheJobs() {
    Scenario scenario = new Scenario(clock, 2);
    String a = scenario.addJob(JobSpec.upgrade().productKey("pkA").firmwareId("fw-A").taskCount(3).build());
    clock.advanceSeconds(10);
    String b = scenario.addJob(JobSpec.upgrade().productKey("pkA").firmwareId("fw-A").taskCount(3).build());
    scenario.addJob(JobSpec.verify().productKey("pkB").firmwareId("fw-B").build());
    assertEquals(2, scenario.firmware(null).size());
    assertEquals(List.of("fw-A"), scenario.firmware("pkA").stream().map(FirmwareState::firmwareId).toList());
    assertEquals(2, scenario.firmware("pkB").get(0).status(), "verifying");
    assertEquals(List.of(b, a),
        scenario.jobsOfFirmware("fw-A").orElseThrow().stream().map(SimJobState::jobId).toList());
    assertTrue(scenario.jobsOfFirmware("nope").isEmpty());
  }

  @Test
  void rejectsImpossibleSpecs() {
    assertThrows(IllegalArgumentException.class,
        () -> JobSpec.upgrade().dynamic(1).scheduleIn(Duration.ofMinutes(1)).build());
    assertThrows(IllegalArgumentException.class,
        () -> JobSpec.upgrade().initially(TaskStatus.SUCCEEDED, 0.7).initially(TaskStatus.FAILED, 0.7));
    Scenario scenario = new Scenario(clock, 1);
    scenario.addJob(JobSpec.upgrade().jobId("dup").build());
    assertThrows(IllegalArgumentException.class, () -> scenario.addJob(JobSpec.upgrade().jobId("dup").build()));
    assertThrows(IllegalArgumentException.class, () -> scenario.truth("missing"));
  }
}
