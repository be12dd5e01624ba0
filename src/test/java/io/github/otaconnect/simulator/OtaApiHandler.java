package io.github.otaconnect.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves one HTTP call: faults first, then gateway checks, then the operation; counts and logs it. A
 * blocking Jetty handler (a SLOW fault sleeps in it); the response carries the simulator clock's
 * {@code Date}, so the server must not add its own.
 */
final class OtaApiHandler extends Handler.Abstract {

  /** A response to write; {@code null} instead of one aborts the connection without any response. */
  private record Reply(int status, Map<String, String> headers, byte[] body) {
  }

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
  private final Object writes = new Object();
  private int writesInFlight; // guarded by writes

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
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    String body = "POST".equals(method) ? Content.Source.asString(request, StandardCharsets.UTF_8) : null;
    Reply reply;
    try {
      reply = serve(method, RequestParams.of(method, request.getHttpURI().getQuery(), body));
    } catch (RuntimeException bug) {
      // a simulator bug must not look like a vendor outage in someone else's test: say so loudly
      System.err.println("OTA simulator failed to serve " + request.getHttpURI().getPathQuery() + ": " + bug);
      bug.printStackTrace();
      counters.record("", "simulator-bug");
      reply = null;
    }
    if (reply == null) {
      resetConnection(request, callback);
      return true;
    }
    response.setStatus(reply.status());
    reply.headers().forEach(response.getHeaders()::put);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    startWrite();
    response.write(true, ByteBuffer.wrap(reply.body()), new Callback.Nested(callback) {
      @Override
      public void completed() {
        endWrite();
      }
    });
    return true;
  }

  private void startWrite() {
    synchronized (writes) {
      writesInFlight++;
    }
  }

  private void endWrite() {
    synchronized (writes) {
      if (--writesInFlight == 0) {
        writes.notifyAll();
      }
    }
  }

  /**
   * Waits, at most {@code timeoutMillis}, for responses being written to finish. A client may already
   * hold a whole response while the server thread is still returning from the write; a stop that closes
   * the connection at that moment makes Jetty log a spurious warning.
   */
  void awaitWrites(long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    synchronized (writes) {
      try {
        for (long left = timeoutMillis; writesInFlight > 0 && left > 0;
            left = (deadline - System.nanoTime()) / 1_000_000) {
          writes.wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Drops the connection before any response byte: SO_LINGER 0 makes the close send a TCP RST, and the
   * closed endpoint makes Jetty abort the exchange instead of writing an error page.
   */
  private static void resetConnection(Request request, Callback callback) {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    if (endPoint.getTransport() instanceof SocketChannel channel) {
      try {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException | RuntimeException closedAlready) {
        // the plain close below still ends the connection
      }
    }
    Throwable reset = new QuietException.Exception("simulated connection reset");
    endPoint.close(reset);
    callback.failed(reset);
  }

  /** Null: abort the connection without a response. */
  private Reply serve(String method, Map<String, String> params) {
    String action = params.getOrDefault("Action", "");
    String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);

    Fault fault = faults.draw(action);
    boolean truncate = false;
    if (fault != null) {
      switch (fault.kind()) {
        case CONNECTION_RESET:
          record(method, action, params, 0, fault.outcome());
          return null;
        case SLOW:
          if (!sleep(fault)) { // interrupted: the server is stopping
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

  private Reply answer(String method, String action, Map<String, String> params,
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

  private Reply reply(int status, String contentType, byte[] body, String requestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Date", WireFormat.httpDate(clock.now()));
    headers.put("Content-Type", contentType);
    headers.put("x-acs-request-id", requestId);
    return new Reply(status, headers, body);
  }

  private void record(String method, String action, Map<String, String> params, int status, String outcome) {
    counters.record(action, outcome);
    log.add(new RecordedCall(clock.now(), method, action, Map.copyOf(params), status, outcome));
  }
}
