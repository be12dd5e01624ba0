package io.github.otaconnect.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** One kind of misbehaviour the simulator can answer a call with. Immutable. */
public final class Fault {

  public enum Kind {
    /** HTTP 500, gateway body, code InternalError. */
    INTERNAL_ERROR,
    /** HTTP 503, gateway body, code ServiceUnavailable. */
    SERVICE_UNAVAILABLE,
    /** HTTP 200, Success false, code iot.system.SystemException. */
    SYSTEM_EXCEPTION,
    /** The real answer, cut in the middle (Content-Length matches the cut body). */
    TRUNCATED_JSON,
    /** An HTML error page, as a load balancer in front of the API would send. */
    HTML_PAGE,
    /** The real answer after a delay (real time, whatever the SimClock), to outlast a client timeout. */
    SLOW,
    /** HTTP 400 Throttling.User, as if the account's quota were used up by someone else. */
    THROTTLED,
    /** The connection is closed without any response. */
    CONNECTION_RESET
  }

  private final Kind kind;
  private final Duration delay;
  private final int httpStatus;

  private Fault(Kind kind, Duration delay, int httpStatus) {
    this.kind = kind;
    this.delay = delay;
    this.httpStatus = httpStatus;
  }

  public static Fault internalError() {
    return new Fault(Kind.INTERNAL_ERROR, Duration.ZERO, GatewayError.INTERNAL_ERROR.httpStatus());
  }

  public static Fault serviceUnavailable() {
    return new Fault(Kind.SERVICE_UNAVAILABLE, Duration.ZERO, GatewayError.SERVICE_UNAVAILABLE.httpStatus());
  }

  public static Fault systemException() {
    return new Fault(Kind.SYSTEM_EXCEPTION, Duration.ZERO, 200);
  }

  public static Fault truncatedJson() {
    return new Fault(Kind.TRUNCATED_JSON, Duration.ZERO, 200);
  }

  /** An HTML page with HTTP 502. */
  public static Fault htmlPage() {
    return htmlPage(502);
  }

  /** An HTML page with the given status (200 makes a client rely on the body alone). */
  public static Fault htmlPage(int httpStatus) {
    return new Fault(Kind.HTML_PAGE, Duration.ZERO, httpStatus);
  }

  public static Fault slow(Duration delay) {
    Objects.requireNonNull(delay);
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    return new Fault(Kind.SLOW, delay, 200);
  }

  public static Fault throttled() {
    return new Fault(Kind.THROTTLED, Duration.ZERO, GatewayError.THROTTLING_USER.httpStatus());
  }

  public static Fault connectionReset() {
    return new Fault(Kind.CONNECTION_RESET, Duration.ZERO, 0);
  }

  public Kind kind() {
    return kind;
  }

  public Duration delay() {
    return delay;
  }

  int httpStatus() {
    return httpStatus;
  }

  /** The outcome the call counters record, e.g. "fault:connection_reset". */
  public String outcome() {
    return outcomeOf(kind);
  }

  public static String outcomeOf(Kind kind) {
    return "fault:" + kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return kind == Kind.SLOW ? "Fault[SLOW " + delay + "]" : "Fault[" + kind + "]";
  }
}
