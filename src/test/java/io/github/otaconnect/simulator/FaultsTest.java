package io.github.otaconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private static final String JOB = "job-faults";

  private final ManualClock clock = new ManualClock();
  private OtaApiSimulator sim;
  private SigningTestClient client;

  @BeforeEach
  void start() {
    sim = OtaApiSimulator.builder().clock(clock).qpsPerAction(0).seed(5)
        .job(JobSpec.upgrade().jobId(JOB).taskCount(50).build()).build().start();
    client = SigningTestClient.forSimulator(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void serverErrorsHaveTheGatewayShape() {
    sim.faults().failNext(1, Fault.internalError()).failNext(1, Fault.serviceUnavailable());
    SigningTestClient.Reply internal = client.queryJob(JOB);
    assertEquals(500, internal.status());
    assertEquals("InternalError", internal.code());
    assertTrue(internal.json().has("HostId"));
    assertTrue(internal.header("Date").isPresent());
    SigningTestClient.Reply unavailable = client.queryJob(JOB);
    assertEquals(503, unavailable.status());
    assertEquals("ServiceUnavailable", unavailable.code());
    assertTrue(client.queryJob(JOB).success(), "the faults were used up");
  }

  @Test
  void systemExceptionIsABusinessError() {
    sim.faults().failNext(1, Fault.systemException());
    SigningTestClient.Reply reply = client.queryJob(JOB);
    assertEquals(200, reply.status());
    assertFalse(reply.success());
    assertEquals("iot.system.SystemException", reply.code());
    assertTrue(reply.json().has("ErrorMessage"));
  }

  @Test
  void truncatedJsonIsNotParseable() {
    sim.faults().failNext(1, Fault.truncatedJson());
    SigningTestClient.Reply reply = client.listTasks(JOB, 1, 100);
    assertEquals(200, reply.status());
    assertTrue(reply.body().startsWith("{\"RequestId\""));
    assertThrows(JsonProcessingException.class, () -> new ObjectMapper().readTree(reply.body()));
  }

  @Test
  void htmlErrorPage() {
    sim.faults().failNext(1, Fault.htmlPage()).failNext(1, Fault.htmlPage(200));
    SigningTestClient.Reply bad = client.queryJob(JOB);
    assertEquals(502, bad.status());
    assertTrue(bad.header("Content-Type").orElseThrow().startsWith("text/html"));
    assertTrue(bad.body().contains("<html>"));
    SigningTestClient.Reply okStatus = client.queryJob(JOB);
    assertEquals(200, okStatus.status());
    assertThrows(UncheckedIOException.class, okStatus::json);
  }

  @Test
  void throttlingBurstThenNormal() {
    sim.faults().failNext(3, Fault.throttled());
    for (int k = 0; k < 3; k++) {
      SigningTestClient.Reply reply = client.queryJob(JOB);
      assertEquals(400, reply.status());
      assertEquals("Throttling.User", reply.code());
    }
    assertTrue(client.queryJob(JOB).success());
    assertEquals(3, sim.counters().snapshot().count("QueryOTAJob", "fault:throttled"));
  }

  @Test
  void connectionResetGivesTheClientAnIoError() {
    // java.net.http quietly resends a GET once when the connection dies before any response byte,
    // so it takes two resets in a row for the caller to see one
    sim.faults().failNext(2, Fault.connectionReset());
    UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> client.queryJob(JOB));
    assertTrue(error.getCause() instanceof IOException);
    assertTrue(client.queryJob(JOB).success(), "the next call works on a fresh connection");
    assertEquals(2, sim.counters().snapshot().count("QueryOTAJob", "fault:connection_reset"));
  }

  @Test
  void slowResponseOutlastsAClientTimeout() {
    sim.faults().failNext(1, Fault.slow(Duration.ofSeconds(5)));
    assertThrows(HttpTimeoutException.class,
        () -> client.getWithTimeout("QueryOTAJob", Map.of("JobId", JOB), Duration.ofMillis(200)));
    assertTrue(client.queryJob(JOB).success());
  }

  @Test
  void faultsCanTargetOneAction() {
    sim.faults().failNext("QueryOTAJob", 2, Fault.internalError());
    assertTrue(client.listTasks(JOB, 1, 10).success());
    assertEquals(500, client.queryJob(JOB).status());
    assertTrue(client.listTasks(JOB, 1, 10).success());
    assertEquals(500, client.queryJob(JOB).status());
    assertTrue(client.queryJob(JOB).success());
    assertEquals(0, sim.faults().pending());
  }

  @Test
  void randomFaultsAreReproducibleBySeed() {
    List<Integer> first = statusesWithRandomFaults(99);
    List<Integer> second = statusesWithRandomFaults(99);
    assertEquals(first, second);
    assertTrue(first.contains(200) && first.contains(503), first.toString());
    assertTrue(first.stream().allMatch(s -> s == 200 || s == 503));
  }

  private List<Integer> statusesWithRandomFaults(long seed) {
    sim.faults().clear();
    sim.faults().reseed(seed).failRandomly("QueryOTAJob", 0.4, Fault.serviceUnavailable());
    List<Integer> statuses = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      statuses.add(client.queryJob(JOB).status());
    }
    return statuses;
  }

  @Test
  void stopAndRestartOnTheSamePortKeepsTheState() {
    int port = sim.port();
    sim.stop();
    assertFalse(sim.isRunning());
    assertThrows(UncheckedIOException.class, () -> client.queryJob(JOB));
    clock.advanceSeconds(30); // the scenario keeps evolving while unreachable
    sim.start();
    assertEquals(port, sim.port());
    assertTrue(client.queryJob(JOB).success());
    assertEquals(50, client.listTasks(JOB, 1, 100).json().path("Total").asInt());
  }
}
