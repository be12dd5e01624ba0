package io.github.otaconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RowDefectsTest {

  private static final String JOB = "job-rows";

  private final ManualClock clock = new ManualClock();
  private OtaApiSimulator sim;
  private SigningTestClient client;
  private JobTruth truth;

  @BeforeEach
  void start() {
    sim = OtaApiSimulator.builder().clock(clock).qpsPerAction(0).seed(9)
        .job(JobSpec.upgrade().jobId(JOB).taskCount(30).changeRate(0).build()).build().start();
    client = SigningTestClient.forSimulator(sim);
    truth = sim.scenario().truth(JOB);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private List<JsonNode> rows() {
    SigningTestClient.Reply reply = client.listTasks(JOB, 1, 100);
    assertTrue(reply.success(), reply.body());
    List<JsonNode> rows = new ArrayList<>();
    reply.json().path("Data").path("SimpleOTATaskInfo").forEach(rows::add);
    return rows;
  }

  /** The row of the task with this index: rows are listed by status group, then index, and all are QUEUED. */
  private JsonNode rowOf(int index) {
    return rows().get(index);
  }

  @Test
  void eachDefectBreaksOnlyItsField() {
    String task = truth.task(3).taskId();
    for (RowDefect defect : RowDefect.values()) {
      sim.rowDefects().malformTask(JOB, task, defect, 1);
    }
    JsonNode row = rowOf(3);
    assertEquals("N/A", row.path("Progress").asText());
    assertEquals("", row.path("DeviceName").asText());
    assertTrue(row.has("DeviceName"), "blank, not absent");
    assertFalse(row.has("TaskId"));
    assertEquals("unknown", row.path("UtcModified").asText());
    assertEquals(truth.task(3).iotId(), row.path("IotId").asText(), "the other fields are untouched");
    assertEquals(truth.task(3).taskStatus(), row.path("TaskStatus").asText());
    assertEquals(4, sim.rowDefects().served());

    JsonNode next = rowOf(3);
    assertEquals(task, next.path("TaskId").asText(), "served once as asked, then whole again");
    assertEquals(truth.task(3).progressText(), next.path("Progress").asText());
    assertEquals(truth.task(3), sim.scenario().truth(JOB).task(3), "only the response was malformed");
  }

  @Test
  void aTaskCanStayMalformed() {
    String task = truth.task(7).taskId();
    sim.rowDefects().malformTask(JOB, task, RowDefect.PROGRESS_NOT_A_NUMBER, RowDefects.ALWAYS);
    for (int k = 0; k < 5; k++) {
      assertEquals("N/A", rowOf(7).path("Progress").asText());
    }
    assertEquals(5, sim.rowDefects().served(RowDefect.PROGRESS_NOT_A_NUMBER));
    Map<String, String> byDevice = Map.of("JobId", JOB, "CurrentPage", "1", "PageSize", "100",
        "DeviceNames.1", truth.task(7).deviceName());
    JsonNode reread = client.get("ListOTATaskByJob", byDevice).json().path("Data").path("SimpleOTATaskInfo").get(0);
    assertEquals("N/A", reread.path("Progress").asText(), "a re-read by name is malformed too");
    sim.rowDefects().clear();
    assertEquals(truth.task(7).progressText(), rowOf(7).path("Progress").asText());
  }

  @Test
  void otherJobsAndTasksAreNotTouched() {
    sim.rowDefects().malformTask("another-job", truth.task(1).taskId(), RowDefect.NO_TASK_ID, 1);
    sim.rowDefects().malformTask(JOB, truth.task(2).taskId(), RowDefect.NO_TASK_ID, 1);
    List<JsonNode> rows = rows();
    assertEquals(truth.task(1).taskId(), rows.get(1).path("TaskId").asText());
    assertFalse(rows.get(2).has("TaskId"));
    assertEquals(1, rows.stream().filter(r -> !r.has("TaskId")).count());
  }

  @Test
  void randomDefectsAreReproducibleBySeed() {
    List<String> first = malformedRowsWithSeed(42);
    List<String> second = malformedRowsWithSeed(42);
    assertEquals(first, second);
    assertFalse(first.isEmpty());
    assertTrue(first.size() < 3 * 30, "a probability, not every row");
    assertNotEquals(first, malformedRowsWithSeed(43));
  }

  private List<String> malformedRowsWithSeed(long seed) {
    sim.rowDefects().clear();
    sim.rowDefects().reseed(seed).malformRandomly(0.2, RowDefect.BLANK_DEVICE_NAME);
    List<String> malformed = new ArrayList<>();
    for (int call = 0; call < 3; call++) {
      for (JsonNode row : rows()) {
        if (row.path("DeviceName").asText().isEmpty()) {
          malformed.add(call + ":" + row.path("TaskId").asText());
        }
      }
    }
    return malformed;
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> sim.rowDefects().malformTask(JOB, "t", RowDefect.NO_TASK_ID, 0));
    assertThrows(IllegalArgumentException.class,
        () -> sim.rowDefects().malformRandomly(1.5, RowDefect.NO_TASK_ID));
  }
}
