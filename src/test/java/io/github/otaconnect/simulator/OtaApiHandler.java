package io.github.otaconnect.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Serves one HTTP call: faults first, then gateway checks, then the operation; counts and logs it. */
final class OtaApiHandler implements LoopbackHttpServer.Handler {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String JSON_TYPE = "application/json;charset=utf-8";
  private static final byte[] HTML_PAGE = ("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
      + "<body><h1>502 Bad Gateway</h1><p>The proxy server received an invalid response from an upstream "
      + "server.</p><hr/><center>Tengine</center></body></html>\n").getBytes(StandardCharsets.UTF_8);

  private final SimClock clock;
  private final Gateway gateway;
  private final OtaOperations operations;
  private final Faults faults;
  private final CallCounters counters;
  private final CallLog log;
  private final String hostId;

  OtaApiHandler(SimClock clock, Gateway gateway, OtaOperations operations, Faults faults, CallCounters counters,
      CallLog log, String hostId) {
    this.clock = clock;
    this.gateway = gateway;
    this.operations = operations;
    this.faults = faults;
    this.counters = counters;
    this.log = log;
    this.hostId = hostId;
  }

  @Override
  public LoopbackHttpServer.Reply handle(LoopbackHttpServer.Call call) {
    try {
      return serve(call);
    } catch (RuntimeException bug) {
      // a simulator bug must not look like a vendor outage in someone else's test: say so loudly
      System.err.println("OTA simulator failed to serve " + call.target() + ": " + bug);
      bug.printStackTrace();
      counters.record("", "simulator-bug");
      return LoopbackHttpServer.Reply.resetConnection();
    }
  }

  private LoopbackHttpServer.Reply serve(LoopbackHttpServer.Call call) {
    String method = call.method().toUpperCase(Locale.ROOT);
    Map<String, String> params = RequestParams.of(call);
    String action = params.getOrDefault("Action", "");
    String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);

    Fault fault = faults.draw(action);
    boolean truncate = false;
    if (fault != null) {
      switch (fault.kind()) {
        case CONNECTION_RESET:
          record(method, action, params, 0, fault.outcome());
          return LoopbackHttpServer.Reply.resetConnection();
        case SLOW:
          if (!sleep(fault)) {
            record(method, action, params, 0, fault.outcome());
            return null;
          }
          break;
        case TRUNCATED_JSON:
          truncate = true;
          break;
        case HTML_PAGE:
          record(method, action, params, fault.httpStatus(), fault.outcome());
          return reply(fault.httpStatus(), "text/html;charset=utf-8", HTML_PAGE, requestId);
        case INTERNAL_ERROR:
          return answer(method, action, params, requestId, ApiReply.gateway(GatewayError.INTERNAL_ERROR),
              fault.outcome());
        case SERVICE_UNAVAILABLE:
          return answer(method, action, params, requestId, ApiReply.gateway(GatewayError.SERVICE_UNAVAILABLE),
              fault.outcome());
        case THROTTLED:
          return answer(method, action, params, requestId, ApiReply.gateway(GatewayError.THROTTLING_USER),
              fault.outcome());
        case SYSTEM_EXCEPTION:
          return answer(method, action, params, requestId,
              ApiReply.business(BusinessError.SYSTEM_EXCEPTION, BusinessError.SYSTEM_EXCEPTION.message()),
              fault.outcome());
        default:
          throw new IllegalStateException("unhandled fault " + fault);
      }
    }

    ApiReply reply;
    try {
      gateway.authorize(method, params, clock.millis());
      reply = operations.handle(action, params);
    } catch (ApiRejection rejection) {
      reply = rejection.reply();
    }
    byte[] body = json(reply, requestId);
    if (truncate) {
      body = Arrays.copyOf(body, body.length / 2);
    }
    record(method, action, params, reply.httpStatus(), fault != null ? fault.outcome() : reply.outcome());
    return reply(reply.httpStatus(), JSON_TYPE, body, requestId);
  }

  private LoopbackHttpServer.Reply answer(String method, String action, Map<String, String> params,
      String requestId, ApiReply reply, String outcome) {
    record(method, action, params, reply.httpStatus(), outcome);
    return reply(reply.httpStatus(), JSON_TYPE, json(reply, requestId), requestId);
  }

  private byte[] json(ApiReply reply, String requestId) {
    try {
      return MAPPER.writeValueAsBytes(reply.render(requestId, hostId));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  private static boolean sleep(Fault fault) {
    try {
      Thread.sleep(fault.delay().toMillis());
      return true;
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private LoopbackHttpServer.Reply reply(int status, String contentType, byte[] body, String requestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Date", WireFormat.httpDate(clock.now()));
    headers.put("Content-Type", contentType);
    headers.put("x-acs-request-id", requestId);
    return new LoopbackHttpServer.Reply(status, headers, body, false);
  }

  private void record(String method, String action, Map<String, String> params, int status, String outcome) {
    counters.record(action, outcome);
    log.add(new RecordedCall(clock.now(), method, action, Map.copyOf(params), status, outcome));
  }
}
