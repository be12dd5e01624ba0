package io.github.otaconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayTest {

  private static final String JOB = "job-gateway";

  private final ManualClock clock = new ManualClock(Instant.parse("2024-05-06T08:00:00.250Z"));
  private OtaApiSimulator sim;
  private SigningTestClient client;

  @BeforeEach
  void start() {
    sim = OtaApiSimulator.builder()
        .credentials("testid", "testsecret")
        .credentials("ram-user-2", "secret2", "testid") // a RAM user of the same account
        .credentials("other-account", "secret3")
        .credentials("sts-key", "sts-secret").securityToken("token-1")
        .qpsPerAction(10)
        .clock(clock)
        .job(JobSpec.upgrade().jobId(JOB).taskCount(5).build())
        .build().start();
    client = SigningTestClient.forSimulator(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private SigningTestClient clientFor(String keyId, String secret) {
    return new SigningTestClient(sim.endpoint(), keyId, secret, clock);
  }

  private static void assertGatewayError(SigningTestClient.Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply.body());
    JsonNode body = reply.json();
    assertEquals(code, body.path("Code").asText(), reply.body());
    assertTrue(body.hasNonNull("RequestId"));
    assertTrue(body.hasNonNull("HostId"));
    assertTrue(body.hasNonNull("Message"));
    assertFalse(body.has("ErrorMessage"));
    assertFalse(body.has("Success"));
  }

  private static void assertBusinessError(SigningTestClient.Reply reply, String code) {
    assertEquals(200, reply.status(), reply.body());
    JsonNode body = reply.json();
    assertFalse(body.path("Success").asBoolean(true));
    assertEquals(code, body.path("Code").asText(), reply.body());
    assertTrue(body.hasNonNull("ErrorMessage"));
    assertTrue(body.hasNonNull("RequestId"));
  }

  @Test
  void signedGetAndPostSucceedWithDateHeaderFromTheSimulatorClock() {
    SigningTestClient.Reply get = client.queryJob(JOB);
    assertEquals(200, get.status(), get.body());
    assertTrue(get.success());
    assertTrue(get.json().path("RequestId").asText().matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"));
    Instant date = ZonedDateTime.parse(get.header("Date").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    assertEquals(Instant.parse("2024-05-06T08:00:00Z"), date);
    assertEquals("Mon, 06 May 2024 08:00:00 GMT", get.header("Date").orElseThrow());

    SigningTestClient.Reply post = client.post("QueryOTAJob", Map.of("JobId", JOB));
    assertEquals(200, post.status(), post.body());
    assertTrue(post.success());
  }

  @Test
  void awkwardParameterValuesSurviveSigningOverTheWire() {
    SigningTestClient.Reply reply = client.get("ListOTATaskByJob", Map.of("JobId", JOB, "CurrentPage", "1",
        "PageSize", "10", "DeviceNames.1", "dev ice*~+/é中😀", "DeviceNames.2", "device-0000001"));
    assertEquals(200, reply.status(), reply.body());
    assertEquals(1, reply.json().path("Total").asInt());
  }

  @Test
  void wrongSecretOrTamperedParameterIsSignatureDoesNotMatch() {
    assertGatewayError(clientFor("testid", "wrong").queryJob(JOB), 400, "SignatureDoesNotMatch");

    Map<String, String> signed = SigningTestClient.signed("GET",
        client.unsignedParams("QueryOTAJob", Map.of("JobId", JOB)), "testsecret");
    signed.put("JobId", "another-job");
    SigningTestClient.Reply tampered = client.send("GET", signed);
    assertGatewayError(tampered, 400, "SignatureDoesNotMatch");
    assertTrue(tampered.json().path("Message").asText().contains("server string to sign is:GET&%2F&"));

    Map<String, String> signedForPost = SigningTestClient.signed("POST",
        client.unsignedParams("QueryOTAJob", Map.of("JobId", JOB)), "testsecret");
    assertGatewayError(client.send("GET", signedForPost), 400, "SignatureDoesNotMatch");
  }

  @Test
  void unknownOrRevokedKeyIsNotFound() {
    assertGatewayError(clientFor("nobody", "x").queryJob(JOB), 404, "InvalidAccessKeyId.NotFound");
    sim.revokeCredentials("testid");
    assertGatewayError(client.queryJob(JOB), 404, "InvalidAccessKeyId.NotFound");
    sim.restoreCredentials("testid");
    assertTrue(client.queryJob(JOB).success());
  }

  @Test
  void timestampMustBeWithinFifteenMinutesOfTheSimulatorClock() {
    Map<String, String> params = client.unsignedParams("QueryOTAJob", Map.of("JobId", JOB));
    params.put("Timestamp", "2024-05-06T07:44:00Z"); // 16 minutes behind
    assertGatewayError(client.send("GET", SigningTestClient.signed("GET", params, "testsecret")), 400,
        "InvalidTimeStamp.Expired");
    params.put("Timestamp", "2024-05-06T08:16:01Z"); // ahead
    assertGatewayError(client.send("GET", SigningTestClient.signed("GET", params, "testsecret")), 400,
        "InvalidTimeStamp.Expired");
    params.put("Timestamp", "2024-05-06T07:46:00Z"); // 14 minutes behind: fine
    assertEquals(200, client.send("GET", SigningTestClient.signed("GET", params, "testsecret")).status());
    params.put("Timestamp", "06/05/2024 08:00");
    params.put("SignatureNonce", "fresh");
    assertGatewayError(client.send("GET", SigningTestClient.signed("GET", params, "testsecret")), 400,
        "InvalidTimeStamp.Format");
  }

  @Test
  void reusedNonceIsRefused() {
    Map<String, String> signed = SigningTestClient.signed("GET",
        client.unsignedParams("QueryOTAJob", Map.of("JobId", JOB)), "testsecret");
    assertEquals(200, client.send("GET", signed).status());
    assertGatewayError(client.send("GET", signed), 400, "SignatureNonceUsed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion",
      "SignatureNonce", "Timestamp"})
  void missingCommonParameterIsRefused(String name) {
    Map<String, String> params = client.unsignedParams("QueryOTAJob", Map.of("JobId", JOB));
    params.remove(name);
    assertGatewayError(client.send("GET", SigningTestClient.signed("GET", params, "testsecret")), 400,
        "Missing" + name);
  }

  @Test
  void missingSignatureOrActionOrJobIdIsRefused() {
    assertGatewayError(client.send("GET", client.unsignedParams("QueryOTAJob", Map.of("JobId", JOB))), 400,
        "MissingSignature");
    Map<String, String> noAction = client.unsignedParams("QueryOTAJob", Map.of("JobId", JOB));
    noAction.remove("Action");
    assertGatewayError(client.send("GET", SigningTestClient.signed("GET", noAction, "testsecret")), 400,
        "MissingAction");
    assertGatewayError(client.get("QueryOTAJob", Map.of()), 400, "MissingJobId");
    assertGatewayError(client.get("ListOTATaskByJob", Map.of("JobId", JOB, "PageSize", "10")), 400,
        "MissingCurrentPage");
  }

  @Test
  void wrongCommonValuesAreRefused() {
    Map<String, Map.Entry<String, String>> cases = new LinkedHashMap<>();
    cases.put("InvalidVersion", Map.entry("Version", "2017-04-20"));
    cases.put("InvalidSignatureMethod", Map.entry("SignatureMethod", "HMAC-SHA256"));
    cases.put("InvalidSignatureVersion", Map.entry("SignatureVersion", "2.0"));
    cases.put("InvalidParameter.Format", Map.entry("Format", "XML"));
    cases.forEach((code, change) -> {
      Map<String, String> params = client.unsignedParams("QueryOTAJob", Map.of("JobId", JOB));
      params.put(change.getKey(), change.getValue());
      assertGatewayError(client.send("GET", SigningTestClient.signed("GET", params, "testsecret")), 400, code);
    });
  }

  @Test
  void unknownActionIsNotFound() {
    assertGatewayError(client.get("DescribeRegions", Map.of()), 404, "InvalidAction.NotFound");
  }

  @Test
  void stsTokenIsCheckedWhenTheKeyNeedsOne() {
    SigningTestClient sts = clientFor("sts-key", "sts-secret");
    assertGatewayError(sts.queryJob(JOB), 400, "MissingSecurityToken");
    assertGatewayError(sts.securityToken("token-0").queryJob(JOB), 400, "InvalidSecurityToken.MismatchWithAccessKey");
    assertTrue(sts.securityToken("token-1").queryJob(JOB).success());
    sim.expireSecurityToken("sts-key");
    assertGatewayError(sts.queryJob(JOB), 400, "InvalidSecurityToken.Expired");
    sim.setSecurityToken("sts-key", "token-2");
    assertTrue(sts.securityToken("token-2").queryJob(JOB).success());
    assertGatewayError(client.securityToken("token-2").queryJob(JOB), 400, "InvalidSecurityToken.MismatchWithAccessKey");
  }

  @Test
  void iotInstanceIdIsRequiredWhenConfigured() {
    assertTrue(client.queryJob(JOB).success());
    assertBusinessError(client.iotInstanceId("iot-instance-1").queryJob(JOB), "iot.system.InstanceNotFound");
    sim.setIotInstanceId("iot-instance-1");
    assertTrue(client.queryJob(JOB).success());
    assertBusinessError(client.iotInstanceId(null).queryJob(JOB), "iot.system.InstanceNotFound");
    assertBusinessError(client.iotInstanceId("iot-instance-2").queryJob(JOB), "iot.system.InstanceNotFound");
  }

  @Test
  void qpsIsLimitedPerActionPerAccountInASlidingSecond() {
    for (int k = 0; k < 10; k++) {
      assertTrue(client.queryJob(JOB).success());
    }
    SigningTestClient.Reply throttled = client.queryJob(JOB);
    assertGatewayError(throttled, 400, "Throttling.User");
    assertGatewayError(clientFor("ram-user-2", "secret2").queryJob(JOB), 400, "Throttling.User");
    assertTrue(clientFor("other-account", "secret3").queryJob(JOB).success(), "another account has its own quota");
    assertTrue(client.listTasks(JOB, 1, 10).success(), "another action has its own quota");

    clock.advanceMillis(500);
    for (int k = 0; k < 5; k++) {
      assertGatewayError(client.queryJob(JOB), 400, "Throttling.User"); // refused calls do not count
    }
    clock.advanceMillis(500); // the first ten leave the window
    for (int k = 0; k < 10; k++) {
      assertTrue(client.queryJob(JOB).success());
    }
    assertGatewayError(client.queryJob(JOB), 400, "Throttling.User");

    CallCounts counts = sim.counters().snapshot();
    assertEquals(21, counts.count("QueryOTAJob", "success"));
    assertEquals(8, counts.count("QueryOTAJob", "throttled"));
  }

  @Test
  void qpsZeroTurnsTheLimitOff() {
    sim.setQpsPerAction(0);
    for (int k = 0; k < 40; k++) {
      assertTrue(client.queryJob(JOB).success());
    }
  }

  @Test
  void countersAndCallLogRecordOutcomesByAction() {
    client.queryJob(JOB);
    client.queryJob("missing-job");
    clientFor("testid", "bad").queryJob(JOB);
    client.get("Nope", Map.of());
    CallCounts counts = sim.counters().snapshot();
    assertEquals(1, counts.count("QueryOTAJob", "success"));
    assertEquals(1, counts.count("QueryOTAJob", "iot.ota.OTAJobNotExist"));
    assertEquals(1, counts.count("QueryOTAJob", "SignatureDoesNotMatch"));
    assertEquals(1, counts.count("Nope", "InvalidAction.NotFound"));
    assertEquals(4, counts.total());
    List<RecordedCall> calls = sim.recentCalls();
    assertEquals(4, calls.size());
    assertEquals("missing-job", calls.get(1).params().get("JobId"));
    assertEquals(200, calls.get(1).httpStatus());
    sim.counters().reset();
    assertEquals(0, sim.counters().snapshot().total());
  }

  @Test
  void clockDrivesTimestampCheckAndDateHeader() {
    clock.advance(Duration.ofHours(5));
    SigningTestClient.Reply reply = client.queryJob(JOB);
    assertEquals(200, reply.status());
    assertEquals("Mon, 06 May 2024 13:00:00 GMT", reply.header("Date").orElseThrow());
  }
}
