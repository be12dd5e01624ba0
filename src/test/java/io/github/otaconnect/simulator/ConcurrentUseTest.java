package io.github.otaconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Clients on several threads while the test thread moves the clock, as the connector's tests do. */
class ConcurrentUseTest {

  @Test
  void servesParallelCallsWhileTheScenarioEvolves() throws Exception {
    ManualClock clock = new ManualClock();
    try (OtaApiSimulator sim = OtaApiSimulator.builder().clock(clock).qpsPerAction(0).build().start()) {
      String jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(5_000).changeRate(0.2).build());
      SigningTestClient client = SigningTestClient.forSimulator(sim);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int offset = t;
          readers.add(pool.submit(() -> {
            int rows = 0;
            for (int k = 0; k < 40; k++) {
              JsonNode page = client.listTasks(jobId, 1 + (k * 4 + offset) % 50, 100).json();
              assertTrue(page.path("Success").asBoolean(), page.toString());
              assertEquals(5_000, page.path("Total").asInt());
              rows += page.path("Data").path("SimpleOTATaskInfo").size();
            }
            return rows;
          }));
        }
        for (int k = 0; k < 100; k++) {
          clock.advanceMillis(700);
          sim.scenario().truth(jobId);
        }
        for (Future<Integer> reader : readers) {
          assertEquals(40 * 100, reader.get(60, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(160, sim.counters().snapshot().count("ListOTATaskByJob", "success"));
    }
  }
}
