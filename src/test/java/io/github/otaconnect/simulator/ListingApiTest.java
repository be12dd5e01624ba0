package io.github.otaconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListingApiTest {

  private static final String API_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

  private final ManualClock clock = new ManualClock();
  private OtaApiSimulator sim;
  private SigningTestClient client;

  @BeforeEach
  void start() {
    sim = OtaApiSimulator.builder().clock(clock).qpsPerAction(0).seed(77).build().start();
    client = SigningTestClient.forSimulator(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private static SigningTestClient.Reply ok(SigningTestClient.Reply reply) {
    assertEquals(200, reply.status(), reply.body());
    assertTrue(reply.success(), reply.body());
    return reply;
  }

  private static List<JsonNode> rows(JsonNode page) {
    List<JsonNode> rows = new ArrayList<>();
    page.path("Data").path("SimpleOTATaskInfo").forEach(rows::add);
    return rows;
  }

  /** The listing order the simulator promises: status group, then index. */
  private static List<TaskState> listingOrder(JobTruth truth) {
    List<TaskState> all = new ArrayList<>(truth.tasks());
    all.sort(Comparator.<TaskState>comparingInt(t -> TaskStatus.parse(t.taskStatus()).ordinal())
        .thenComparingInt(TaskState::index));
    return all;
  }

  private static void assertRowIs(TaskState expected, JsonNode row) {
    assertEquals(expected.taskId(), row.path("TaskId").asText());
    assertEquals(expected.jobId(), row.path("JobId").asText());
    assertEquals(expected.iotId(), row.path("IotId").asText());
    assertEquals(expected.deviceName(), row.path("DeviceName").asText());
    assertEquals(expected.productKey(), row.path("ProductKey").asText());
    assertEquals(expected.productName(), row.path("ProductName").asText());
    assertEquals(expected.firmwareId(), row.path("FirmwareId").asText());
    assertEquals(expected.srcVersion(), row.path("SrcVersion").asText());
    assertEquals(expected.destVersion(), row.path("DestVersion").asText());
    assertEquals(expected.taskStatus(), row.path("TaskStatus").asText());
    assertEquals(expected.progressText(), row.path("Progress").asText());
    assertTrue(row.path("Progress").isTextual(), "Progress is a string");
    assertEquals(expected.taskDesc(), row.path("TaskDesc").asText());
    assertEquals(expected.utcCreate(), SigningTestClient.instantOf(row.path("UtcCreate").asText()));
    assertEquals(expected.utcModified(), SigningTestClient.instantOf(row.path("UtcModified").asText()));
    assertTrue(row.path("UtcModified").asText().matches(API_TIME));
    if (expected.timeout() == null) {
      assertFalse(row.has("Timeout"));
    } else {
      assertEquals(expected.timeout(), row.path("Timeout").asText());
    }
  }

  @Test
  void queryJobHasTheVendorsShape() {
    String jobId = sim.scenario().addJob(JobSpec.upgrade().jobId("job-shape").srcVersions("1.0.0", "1.0.1")
        .destVersion("2.0.0").firmwareName("fw-2").gray(50).retry(1, 60).timeoutInMinutes(5)
        .jobDesc("batch upgrade").taskCount(3).build());
    JsonNode reply = ok(client.queryJob(jobId)).json();
    assertTrue(reply.path("Success").isBoolean());
    JsonNode data = reply.path("Data");
    assertEquals("job-shape", data.path("JobId").asText());
    assertEquals("IN_PROGRESS", data.path("JobStatus").asText());
    assertEquals("UPGRADE_FIRMWARE", data.path("JobType").asText());
    assertEquals("STATIC", data.path("SelectionType").asText());
    assertEquals("GRAY", data.path("TargetSelection").asText());
    assertEquals("50.00", data.path("GrayPercent").asText());
    assertTrue(data.path("GrayPercent").isTextual());
    assertEquals("fw-2", data.path("Name").asText());
    assertEquals("2.0.0", data.path("DestVersion").asText());
    assertEquals(List.of("1.0.0", "1.0.1"), List.of(data.path("SrcVersions").path("SrcVersion").get(0).asText(),
        data.path("SrcVersions").path("SrcVersion").get(1).asText()));
    assertEquals(1, data.path("RetryCount").asInt());
    assertEquals(60, data.path("RetryInterval").asInt());
    assertTrue(data.path("RetryInterval").isInt());
    assertEquals(5, data.path("TimeoutInMinutes").asInt());
    assertEquals(1000, data.path("MaximumPerMinute").asInt());
    assertEquals(1, data.path("OverwriteMode").asInt());
    assertEquals("batch upgrade", data.path("JobDesc").asText());
    assertTrue(data.path("UtcCreate").asText().matches(API_TIME));
    assertTrue(data.path("UtcStartTime").asText().matches(API_TIME));
    for (String absent : List.of("DynamicMode", "UtcEndTime", "UtcScheduleTime", "UtcScheduleFinishTime")) {
      assertFalse(data.has(absent), absent + " is left out, not null");
    }
    assertEquals(SigningTestClient.instantOf(data.path("UtcModified").asText()), sim.scenario().job(jobId).utcModified());
  }

  @Test
  void dynamicPlannedAndVerifyJobsShowTheirOwnFields() {
    String dynamic = sim.scenario().addJob(JobSpec.upgrade().dynamic(1).dynamicMode(2).srcVersions().build());
    JsonNode data = ok(client.queryJob(dynamic)).json().path("Data");
    assertEquals("DYNAMIC", data.path("SelectionType").asText());
    assertEquals(2, data.path("DynamicMode").asInt());
    assertFalse(data.has("SrcVersions"), "an empty list is left out");
    assertFalse(data.has("RetryCount"));

    String planned = sim.scenario().addJob(JobSpec.verify().scheduleIn(Duration.ofHours(1)).build());
    JsonNode plannedData = ok(client.queryJob(planned)).json().path("Data");
    assertEquals("PLANNED", plannedData.path("JobStatus").asText());
    assertEquals("VERFIY_FIRMWARE", plannedData.path("JobType").asText());
    assertTrue(plannedData.has("UtcScheduleTime"));
    assertFalse(plannedData.has("UtcStartTime"));
    JsonNode noTasks = ok(client.listTasks(planned, 1, 10)).json();
    assertEquals(0, noTasks.path("Total").asInt());
    assertEquals(0, noTasks.path("PageCount").asInt());
    assertFalse(noTasks.path("Data").has("SimpleOTATaskInfo"), "an empty page has no rows element");
  }

  @Test
  void pagesMatchTheTruthAtOneInstant() {
    String jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(2_345).alreadyTerminal(0.6)
        .history(Duration.ofHours(2)).timeoutInMinutes(30).confirmProbability(0.3).build());
    clock.advanceSeconds(90);
    JobTruth truth = sim.scenario().truth(jobId);
    List<TaskState> expected = listingOrder(truth);
    List<JsonNode> read = new ArrayList<>();
    for (int page = 1; page <= 24; page++) {
      JsonNode reply = ok(client.listTasks(jobId, page, 100)).json();
      assertEquals(2_345, reply.path("Total").asInt());
      assertEquals(24, reply.path("PageCount").asInt());
      assertEquals(100, reply.path("PageSize").asInt());
      assertEquals(page, reply.path("CurrentPage").asInt());
      assertTrue(reply.path("Data").path("SimpleOTATaskInfo").isArray());
      read.addAll(rows(reply));
    }
    assertEquals(expected.size(), read.size());
    for (int k = 0; k < expected.size(); k++) {
      assertRowIs(expected.get(k), read.get(k));
    }
    assertTrue(rows(ok(client.listTasks(jobId, 25, 100)).json()).isEmpty(), "past the end: no rows");
  }

  @Test
  void statusSplitOverTheDocumentedStatusesLeavesOutOnlyTheUndocumentedOnes() {
    String jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(800).alreadyTerminal(0.3).changeRate(0.2)
        .confirmProbability(0.5).pauseProbability(0.5).build());
    clock.advanceSeconds(40);
    JobTruth truth = sim.scenario().truth(jobId);
    int sum = 0;
    for (String documented : StatusFilterPolicy.DOCUMENTED) {
      TaskStatus status = TaskStatus.parse(documented);
      JsonNode reply = ok(client.listTasks(jobId, 1, 100, documented)).json();
      int total = reply.path("Total").asInt();
      assertEquals(truth.count(status), total, documented);
      sum += total;
      List<JsonNode> rows = rows(reply);
      rows.forEach(row -> assertEquals(documented, row.path("TaskStatus").asText()));
      List<TaskState> expected = truth.tasks().stream().filter(t -> t.taskStatus().equals(documented))
          .limit(100).toList();
      assertEquals(expected.size(), rows.size());
      for (int k = 0; k < rows.size(); k++) {
        assertRowIs(expected.get(k), rows.get(k));
      }
    }
    int undocumented = truth.count(TaskStatus.PAUSED_BY_VENDOR) + truth.count(TaskStatus.CONFIRM);
    assertTrue(undocumented > 0);
    assertEquals(800, sum + undocumented, "only the tasks of undocumented statuses are out of every filtered listing");
  }

  @Test
  void aTaskStatusFilterTheReferencePageDoesNotListIsRefused() {
    String jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(50).build());
    for (String refused : List.of("CONFIRM", "PAUSED_BY_VENDOR", "NO_SUCH_STATUS", "queued")) {
      SigningTestClient.Reply reply = client.listTasks(jobId, 1, 100, refused);
      assertEquals(200, reply.status(), refused);
      assertFalse(reply.success(), refused);
      assertEquals(BusinessError.INVALID_FORMATTED_PARAMETER.code(), reply.code());
      assertEquals("iot.common.InvalidFormattedParameter", reply.code());
      assertTrue(reply.json().path("ErrorMessage").asText().contains(refused), reply.body());
      assertTrue(reply.json().has("RequestId"));
      assertFalse(reply.json().has("Data"));
    }
    client.listTasks(jobId, 1, 100, "CONFIRM");
    assertEquals(Map.of("CONFIRM", 2L, "PAUSED_BY_VENDOR", 1L, "NO_SUCH_STATUS", 1L, "queued", 1L),
        sim.refusedStatusFilters());
    assertEquals(5, sim.counters().snapshot().count("ListOTATaskByJob", "iot.common.InvalidFormattedParameter"));
    assertTrue(client.listTasks(jobId, 1, 100, "QUEUED").success(), "a documented value is still accepted");
    assertTrue(client.listTasks(jobId, 1, 100).success(), "and so is no filter");
  }

  @Test
  void aRefusedFilterIsRefusedWithDeviceNamesToo() {
    String jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(5).build());
    Map<String, String> params = new HashMap<>(Map.of("JobId", jobId, "CurrentPage", "1", "PageSize", "100",
        "TaskStatus", "CONFIRM", "DeviceNames.1", sim.scenario().truth(jobId).task(0).deviceName()));
    assertEquals("iot.common.InvalidFormattedParameter", client.get("ListOTATaskByJob", params).code());
  }

  @Test
  void deviceNamesSelectThoseDevicesWhateverTheirPage() {
    String jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(1_000).alreadyTerminal(0.5).build());
    JobTruth truth = sim.scenario().truth(jobId);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("JobId", jobId);
    params.put("CurrentPage", "1");
    params.put("PageSize", "100");
    List<String> wanted = List.of(truth.task(999).deviceName(), truth.task(3).deviceName(),
        truth.task(500).deviceName(), "not-a-device");
    for (int k = 0; k < wanted.size(); k++) {
      params.put("DeviceNames." + (k + 1), wanted.get(k));
    }
    List<JsonNode> rows = rows(ok(client.get("ListOTATaskByJob", params)).json());
    Set<String> names = new HashSet<>();
    rows.forEach(row -> names.add(row.path("DeviceName").asText()));
    assertEquals(Set.copyOf(wanted.subList(0, 3)), names);
    for (JsonNode row : rows) {
      assertRowIs(truth.taskOfDevice(row.path("DeviceName").asText()).orElseThrow(), row);
    }
    params.put("TaskStatus", truth.task(3).taskStatus());
    assertTrue(rows(ok(client.get("ListOTATaskByJob", params)).json()).stream()
        .allMatch(row -> row.path("TaskStatus").asText().equals(truth.task(3).taskStatus())));
  }

  @Test
  void rowsMoveBetweenPagesAsTheClockAdvances() {
    String jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(300).changeRate(0.05).build());
    Set<String> seen = new HashSet<>();
    List<String> readInOrder = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      for (JsonNode row : rows(ok(client.listTasks(jobId, page, 100)).json())) {
        readInOrder.add(row.path("TaskId").asText());
        seen.add(row.path("TaskId").asText());
      }
      clock.advanceSeconds(20); // tasks change status between the page reads
    }
    assertEquals(300, readInOrder.size(), "every page was full");
    assertTrue(seen.size() < 300, "a page number is no cursor: some task was read twice, another never");

    JobTruth now = sim.scenario().truth(jobId);
    List<TaskState> expected = listingOrder(now);
    List<JsonNode> page2 = rows(ok(client.listTasks(jobId, 2, 100)).json());
    for (int k = 0; k < page2.size(); k++) {
      assertRowIs(expected.get(100 + k), page2.get(k));
    }
  }

  @Test
  void aStatusChangeMovesARowToAnotherPage() {
    String jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(30).changeRate(0).build());
    String first = rows(ok(client.listTasks(jobId, 1, 10)).json()).get(0).path("TaskId").asText();
    sim.scenario().changeTask(jobId, 0, TaskStatus.SUCCEEDED);
    assertNotEquals(first, rows(ok(client.listTasks(jobId, 1, 10)).json()).get(0).path("TaskId").asText());
    JsonNode last = rows(ok(client.listTasks(jobId, 3, 10)).json()).get(9);
    assertEquals(first, last.path("TaskId").asText());
    assertEquals("SUCCEEDED", last.path("TaskStatus").asText());
    assertEquals("100.00", last.path("Progress").asText());
  }

  @Test
  void badPagingIsABusinessError() {
    String jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(3).build());
    for (String[] paging : new String[][] {{"0", "10"}, {"1", "0"}, {"1", "101"}, {"x", "10"}, {"-1", "10"}}) {
      SigningTestClient.Reply reply = client.get("ListOTATaskByJob",
          Map.of("JobId", jobId, "CurrentPage", paging[0], "PageSize", paging[1]));
      assertEquals(200, reply.status());
      assertFalse(reply.success());
      assertEquals("iot.common.InvalidPageParams", reply.code(), String.join(",", paging));
    }
    assertTrue(client.listTasks(jobId, 1000, 100).success(), "exactly 100,000 is allowed");
    SigningTestClient.Reply window = client.listTasks(jobId, 1001, 100);
    assertEquals("iot.common.InvalidPageParams", window.code());
    assertTrue(window.json().path("ErrorMessage").asText().contains("100000"));
    assertEquals("iot.common.InvalidPageParams", client.listTasks(jobId, 100_001, 1).code());
  }

  @Test
  void atMostFiftyDeviceNames() {
    String jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(3).build());
    Map<String, String> params = new HashMap<>(Map.of("JobId", jobId, "CurrentPage", "1", "PageSize", "100"));
    for (int k = 1; k <= 50; k++) {
      params.put("DeviceNames." + k, "device-" + String.format("%07d", k));
    }
    assertTrue(client.get("ListOTATaskByJob", params).success());
    params.put("DeviceNames.51", "device-0000051");
    SigningTestClient.Reply reply = client.get("ListOTATaskByJob", params);
    assertEquals(200, reply.status());
    assertEquals("iot.common.ParameterSizeLimit", reply.code());
  }

  @Test
  void unknownJobIsABusinessErrorWithAStableCode() {
    for (SigningTestClient.Reply reply : List.of(client.queryJob("no-such-job"), client.listTasks("no-such-job", 1, 10))) {
      assertEquals(200, reply.status());
      assertFalse(reply.success());
      assertEquals(BusinessError.JOB_NOT_FOUND.code(), reply.code());
      assertEquals("iot.ota.OTAJobNotExist", reply.code());
    }
  }

  @Test
  void firmwareAndJobsByFirmwareListings() {
    String a = sim.scenario().addJob(JobSpec.upgrade().productKey("pkA").productName("Meter").firmwareId("fw-A")
        .firmwareName("meter-2.0").srcVersions("1.9").destVersion("2.0").taskCount(2).build());
    clock.advanceSeconds(5);
    String b = sim.scenario().addJob(JobSpec.verify().productKey("pkA").firmwareId("fw-A").build());
    sim.scenario().addJob(JobSpec.upgrade().productKey("pkB").firmwareId("fw-B").taskCount(2).build());

    JsonNode all = ok(client.get("ListOTAFirmware", Map.of("CurrentPage", "1", "PageSize", "100"))).json();
    assertEquals(2, all.path("Total").asInt());
    JsonNode onlyA = ok(client.get("ListOTAFirmware", Map.of("CurrentPage", "1", "PageSize", "10",
        "ProductKey", "pkA"))).json();
    assertEquals(1, onlyA.path("Total").asInt());
    JsonNode fw = onlyA.path("FirmwareInfo").path("SimpleFirmwareInfo").get(0);
    assertEquals("fw-A", fw.path("FirmwareId").asText());
    assertEquals("meter-2.0", fw.path("FirmwareName").asText());
    assertEquals("Meter", fw.path("ProductName").asText());
    assertEquals("1.9", fw.path("SrcVersion").asText());
    assertEquals("2.0", fw.path("DestVersion").asText());
    assertTrue(fw.path("Status").isInt());
    assertTrue(fw.path("Type").isInt());
    assertTrue(fw.path("UtcCreate").asText().matches(API_TIME));
    assertEquals("iot.common.InvalidPageParams",
        client.get("ListOTAFirmware", Map.of("CurrentPage", "1", "PageSize", "101")).code());

    JsonNode jobs = ok(client.get("ListOTAJobByFirmware", Map.of("FirmwareId", "fw-A", "CurrentPage", "1",
        "PageSize", "200"))).json();
    assertEquals(2, jobs.path("Total").asInt());
    JsonNode newest = jobs.path("Data").path("SimpleOTAJobInfo").get(0);
    assertEquals(b, newest.path("JobId").asText());
    assertEquals("VERFIY_FIRMWARE", newest.path("JobType").asText());
    assertEquals(a, jobs.path("Data").path("SimpleOTAJobInfo").get(1).path("JobId").asText());
    for (String field : List.of("FirmwareId", "ProductKey", "JobStatus", "SelectionType", "TargetSelection",
        "UtcCreate", "UtcModified", "UtcStartTime")) {
      assertTrue(newest.has(field), field);
    }
    JsonNode second = ok(client.get("ListOTAJobByFirmware", Map.of("FirmwareId", "fw-A", "CurrentPage", "2",
        "PageSize", "1"))).json();
    assertEquals(a, second.path("Data").path("SimpleOTAJobInfo").get(0).path("JobId").asText());
    assertEquals(2, second.path("PageCount").asInt());
    assertEquals("iot.common.InvalidPageParams", client.get("ListOTAJobByFirmware",
        Map.of("FirmwareId", "fw-A", "CurrentPage", "1", "PageSize", "201")).code());
    assertEquals(BusinessError.FIRMWARE_NOT_FOUND.code(), client.get("ListOTAJobByFirmware",
        Map.of("FirmwareId", "nope", "CurrentPage", "1", "PageSize", "10")).code());
    assertEquals("MissingFirmwareId", client.get("ListOTAJobByFirmware",
        Map.of("CurrentPage", "1", "PageSize", "10")).code());
  }

  @Test
  void jobCreatedWhileRunningIsServedAtOnce() {
    assertEquals("iot.ota.OTAJobNotExist", client.queryJob("late-job").code());
    sim.scenario().addJob(JobSpec.upgrade().jobId("late-job").taskCount(4).build());
    assertEquals(4, ok(client.listTasks("late-job", 1, 10)).json().path("Total").asInt());
  }
}
