package io.github.otaconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A job of a million tasks is built and paged within a modest heap. */
class LargeJobTest {

  private static final int TASKS = 1_000_000;
  private static final ManualClock CLOCK = new ManualClock();
  private static OtaApiSimulator sim;
  private static SigningTestClient client;
  private static String jobId;
  private static long heapGrowthBytes;

  @BeforeAll
  static void buildOneMillionTasks() {
    long before = usedHeapAfterGc();
    sim = OtaApiSimulator.builder().clock(CLOCK).qpsPerAction(0).seed(1).build().start();
    jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(TASKS).alreadyTerminal(0.95)
        .history(Duration.ofDays(3)).changeRate(0.01).retry(2, 30).build());
    heapGrowthBytes = usedHeapAfterGc() - before;
    client = SigningTestClient.forSimulator(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int k = 0; k < 3; k++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  @Test
  void fitsInAModestHeap() {
    assertTrue(sim.scenario().footprintBytes() < 48L << 20, "columns: " + sim.scenario().footprintBytes());
    assertTrue(heapGrowthBytes < 200L << 20, "heap growth: " + (heapGrowthBytes >> 20) + " MiB");
  }

  @Test
  void pagesAcrossTheWholeWindow() {
    JsonNode first = client.listTasks(jobId, 1, 100).json();
    assertEquals(TASKS, first.path("Total").asInt());
    assertEquals(10_000, first.path("PageCount").asInt());
    assertEquals(100, first.path("Data").path("SimpleOTATaskInfo").size());
    assertEquals(100, client.listTasks(jobId, 500, 100).json().path("Data").path("SimpleOTATaskInfo").size());
    assertEquals(100, client.listTasks(jobId, 1000, 100).json().path("Data").path("SimpleOTATaskInfo").size());
    assertEquals("iot.common.InvalidPageParams", client.listTasks(jobId, 1001, 100).code(),
        "the rest of the job is out of reach of an unfiltered listing");

    JsonNode succeeded = client.listTasks(jobId, 1, 100, "SUCCEEDED").json();
    assertTrue(succeeded.path("Total").asInt() > 100_000, "one status alone exceeds the window");
    JsonNode queued = client.listTasks(jobId, 1, 100, "QUEUED").json();
    int queuedTotal = queued.path("Total").asInt();
    JobTruth truth = sim.scenario().truth(jobId);
    assertEquals(truth.count(TaskStatus.QUEUED), queuedTotal);
    int lastPage = (queuedTotal + 99) / 100;
    JsonNode tail = client.listTasks(jobId, lastPage, 100, "QUEUED").json();
    assertEquals(queuedTotal - (lastPage - 1) * 100, tail.path("Data").path("SimpleOTATaskInfo").size());
  }

  @Test
  void devicesAreReachableDirectlyAndTheJobKeepsMoving() {
    JobTruth truth = sim.scenario().truth(jobId);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("JobId", jobId);
    params.put("CurrentPage", "1");
    params.put("PageSize", "100");
    for (int k = 0; k < 50; k++) {
      params.put("DeviceNames." + (k + 1), truth.task(TASKS - 1 - k * 19_997).deviceName());
    }
    JsonNode devices = client.get("ListOTATaskByJob", params).json();
    assertEquals(50, devices.path("Total").asInt());

    CLOCK.advance(Duration.ofSeconds(30));
    JobTruth later = sim.scenario().truth(jobId);
    int changed = 0;
    for (int i = 0; i < TASKS; i += 97) {
      if (!later.task(i).equals(truth.task(i))) {
        changed++;
      }
    }
    assertTrue(changed > 0, "active tasks keep changing");
  }
}
