package io.github.otaconnect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal signed client for the simulator's own tests and benchmark (not the production client). It
 * encodes with {@link URLEncoder} plus the vendor's fix-ups, deliberately a different route from
 * {@link RpcSignature}'s byte-level encoder, so a test passing through both cross-checks them.
 */
final class SigningTestClient {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI endpoint;
  private final String accessKeyId;
  private final String secret;
  private final SimClock clock;
  private final HttpClient http;
  private String securityToken;
  private String iotInstanceId;

  SigningTestClient(URI endpoint, String accessKeyId, String secret, SimClock clock) {
    this.endpoint = endpoint;
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  static SigningTestClient forSimulator(OtaApiSimulator sim) {
    return new SigningTestClient(sim.endpoint(), OtaApiSimulator.DEFAULT_ACCESS_KEY_ID,
        OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET, sim.clock());
  }

  SigningTestClient securityToken(String token) {
    this.securityToken = token;
    return this;
  }

  SigningTestClient iotInstanceId(String instanceId) {
    this.iotInstanceId = instanceId;
    return this;
  }

  record Reply(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String code() {
      return json().path("Code").asText(null);
    }

    boolean success() {
      return json().path("Success").asBoolean(false);
    }

    Optional<String> header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue).findFirst();
    }
  }

  /** The common parameters plus the action's, unsigned. */
  Map<String, String> unsignedParams(String action, Map<String, String> actionParams) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Action", action);
    params.put("Version", "2018-01-20");
    params.put("Format", "JSON");
    params.put("AccessKeyId", accessKeyId);
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureVersion", "1.0");
    params.put("SignatureNonce", UUID.randomUUID().toString());
    params.put("Timestamp", clock.now().truncatedTo(ChronoUnit.SECONDS).toString());
    if (securityToken != null) {
      params.put("SecurityToken", securityToken);
    }
    if (iotInstanceId != null) {
      params.put("IotInstanceId", iotInstanceId);
    }
    params.putAll(actionParams);
    return params;
  }

  Reply get(String action, Map<String, String> actionParams) {
    return send("GET", signed("GET", unsignedParams(action, actionParams), secret));
  }

  Reply post(String action, Map<String, String> actionParams) {
    return send("POST", signed("POST", unsignedParams(action, actionParams), secret));
  }

  Reply queryJob(String jobId) {
    return get("QueryOTAJob", Map.of("JobId", jobId));
  }

  Reply listTasks(String jobId, int page, int pageSize) {
    return get("ListOTATaskByJob", Map.of("JobId", jobId, "CurrentPage", String.valueOf(page),
        "PageSize", String.valueOf(pageSize)));
  }

  Reply listTasks(String jobId, int page, int pageSize, String status) {
    return get("ListOTATaskByJob", Map.of("JobId", jobId, "CurrentPage", String.valueOf(page),
        "PageSize", String.valueOf(pageSize), "TaskStatus", status));
  }

  /** Adds the Signature computed over {@code params} with {@code signingSecret}. */
  static Map<String, String> signed(String method, Map<String, String> params, String signingSecret) {
    Map<String, String> out = new LinkedHashMap<>(params);
    out.put("Signature", signature(method, params, signingSecret));
    return out;
  }

  static String signature(String method, Map<String, String> params, String signingSecret) {
    TreeMap<String, String> sorted = new TreeMap<>();
    params.forEach((k, v) -> sorted.put(encode(k), encode(v)));
    StringBuilder canonical = new StringBuilder();
    sorted.forEach((k, v) -> canonical.append(canonical.length() == 0 ? "" : "&").append(k).append('=').append(v));
    String stringToSign = method + "&" + encode("/") + "&" + encode(canonical.toString());
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((signingSecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
        .replace("%7E", "~");
  }

  /** Sends exactly these parameters (already signed or deliberately not). */
  Reply send(String method, Map<String, String> params) {
    StringBuilder query = new StringBuilder();
    params.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&").append(encode(k)).append('=')
        .append(encode(v)));
    HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(10));
    if ("POST".equals(method)) {
      request.uri(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(query.toString()));
    } else {
      request.uri(URI.create(endpoint + "?" + query)).GET();
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> headers = new LinkedHashMap<>();
      response.headers().map().forEach((k, v) -> headers.put(k, String.join(",", v)));
      return new Reply(response.statusCode(), headers, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends with a timeout, for the SLOW fault. */
  Reply getWithTimeout(String action, Map<String, String> actionParams, Duration timeout)
      throws IOException, InterruptedException {
    Map<String, String> params = signed("GET", unsignedParams(action, actionParams), secret);
    StringBuilder query = new StringBuilder();
    params.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&").append(encode(k)).append('=')
        .append(encode(v)));
    HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "?" + query)).timeout(timeout).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), Map.of(), response.body());
  }

  static Instant instantOf(String apiTime) {
    return Instant.parse(apiTime);
  }
}
