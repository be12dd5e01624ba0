package io.github.otaconnect.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * A stand-in for Alibaba Cloud IoT Platform's OTA API: a real HTTP/1.1 server on 127.0.0.1 that signs,
 * limits, pages and fails like the vendor, backed by an evolving {@link Scenario}.
 *
 * <pre>{@code
 * OtaApiSimulator sim = OtaApiSimulator.builder()
 *     .credentials("testid", "testsecret")
 *     .clock(new ManualClock())
 *     .build().start();
 * String jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(500).build());
 * URI endpoint = sim.endpoint();
 * }</pre>
 *
 * Thread-safe. {@link #stop()} makes the API unreachable and {@link #start()} brings it back on the same
 * port with all state kept.
 */
public final class OtaApiSimulator implements AutoCloseable {

  public static final String DEFAULT_ACCESS_KEY_ID = "testid";
  public static final String DEFAULT_ACCESS_KEY_SECRET = "testsecret";
  public static final String API_VERSION = Gateway.API_VERSION;

  private final Builder settings;
  private final Scenario scenario;
  private final AccessKeys keys;
  private final SlidingWindowLimiter limiter;
  private final Faults faults;
  private final StatusFilterPolicy statusFilters = new StatusFilterPolicy();
  private final RowDefects rowDefects;
  private final CallCounters counters = new CallCounters();
  private final CallLog log;
  private final OtaApiHandler handler;
  private volatile String iotInstanceId;

  private static final String LOOPBACK = "127.0.0.1";
  private static final int MAX_THREADS = 64;
  private static final long MAX_REQUEST_BODY = 4 * 1024 * 1024;
  private static final long IDLE_TIMEOUT_MS = 60_000;
  /** A stop lets calls in progress run for half of this, then interrupts them (e.g. a SLOW fault's sleep). */
  private static final long STOP_TIMEOUT_MS = 200;

  private Server server;
  private int boundPort;

  private OtaApiSimulator(Builder b) {
    this.settings = b;
    this.scenario = new Scenario(b.clock, b.seed);
    this.keys = b.keys;
    this.limiter = new SlidingWindowLimiter(b.qpsPerAction);
    this.faults = new Faults(b.seed ^ 0x5DEECE66DL);
    this.rowDefects = new RowDefects(b.seed ^ 0x2545F4914F6CDD1DL);
    this.log = new CallLog(b.callLogSize);
    this.iotInstanceId = b.iotInstanceId;
    long tolerance = b.timestampTolerance.toMillis();
    Gateway gateway = new Gateway(keys, new NonceRegistry(tolerance, b.nonceMemory), limiter, tolerance);
    OtaOperations operations = new OtaOperations(scenario, () -> iotInstanceId, statusFilters, rowDefects);
    this.handler = new OtaApiHandler(b.clock, gateway, operations, faults, counters, log, b.hostId);
    for (JobSpec job : b.jobs) {
      scenario.addJob(job);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts serving (again). The first start binds the configured port (0: any free one); later ones reuse it. */
  public synchronized OtaApiSimulator start() {
    if (server != null) {
      return this;
    }
    int port = boundPort != 0 ? boundPort : settings.port;
    Server created = newServer(port);
    try {
      created.start();
    } catch (Exception e) {
      stopQuietly(created);
      String message = "cannot start the OTA simulator on " + LOOPBACK + ":" + port;
      if (e instanceof IOException io) {
        throw new UncheckedIOException(message, io);
      }
      throw new IllegalStateException(message, e);
    }
    server = created;
    boundPort = ((ServerConnector) created.getConnectors()[0]).getLocalPort();
    return this;
  }

  /**
   * A Jetty server on the loopback interface. It sends no Date header of its own (the handler sends the
   * simulator clock's) and no Server header; its threads are daemons, all ended by {@link Server#stop()}.
   */
  private Server newServer(int port) {
    String name = "ota-simulator";
    QueuedThreadPool threads = new QueuedThreadPool(Math.max(MAX_THREADS, settings.threads), settings.threads);
    threads.setName(name);
    threads.setDaemon(true);
    threads.setStopTimeout(STOP_TIMEOUT_MS);
    Server created = new Server(threads, new ScheduledExecutorScheduler(name + "-scheduler", true), null);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendDateHeader(false);
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(created, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(LOOPBACK);
    connector.setPort(port);
    connector.setReuseAddress(true); // a restart must get the same port back at once
    connector.setIdleTimeout(IDLE_TIMEOUT_MS);
    created.addConnector(connector);

    SizeLimitHandler limit = new SizeLimitHandler(MAX_REQUEST_BODY, -1);
    limit.setHandler(handler);
    created.setHandler(limit);
    return created;
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      System.err.println("OTA simulator: stopping its HTTP server failed: " + e);
    }
  }

  /** Stops serving; connections are refused until {@link #start()}. The scenario keeps evolving. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    handler.awaitWrites(STOP_TIMEOUT_MS);
    stopQuietly(server);
    server = null;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  @Override
  public void close() {
    stop();
  }

  /** {@code http://127.0.0.1:<port>/}; valid from the first start on, also while stopped. */
  public synchronized URI endpoint() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  public synchronized int port() {
    if (boundPort == 0) {
      throw new IllegalStateException("the simulator has not been started yet");
    }
    return boundPort;
  }

  public Scenario scenario() {
    return scenario;
  }

  public Faults faults() {
    return faults;
  }

  public CallCounters counters() {
    return counters;
  }

  /** Rows of ListOTATaskByJob served malformed on demand. */
  public RowDefects rowDefects() {
    return rowDefects;
  }

  /**
   * ListOTATaskByJob calls refused for their TaskStatus filter, by the value asked for. Only the six values
   * of the vendor's reference page are accepted as a filter (see {@link BusinessError#INVALID_FORMATTED_PARAMETER}).
   */
  public Map<String, Long> refusedStatusFilters() {
    return statusFilters.refusals();
  }

  public SimClock clock() {
    return settings.clock;
  }

  /** The most recent calls (bounded, see {@link Builder#callLogSize(int)}), oldest first. */
  public List<RecordedCall> recentCalls() {
    return log.snapshot();
  }

  public void clearRecentCalls() {
    log.clear();
  }

  /**
   * The secret of an AccessKey that is configured and not revoked, for other vendor endpoints of the test
   * (the push broker checks AMQP logins against the same keys as the API).
   */
  public Optional<String> activeSecret(String accessKeyId) {
    return keys.active(accessKeyId).map(AccessKeys.Key::secret);
  }

  /** Later calls with this key get InvalidAccessKeyId.NotFound (HTTP 404). */
  public void revokeCredentials(String accessKeyId) {
    keys.revoke(accessKeyId);
  }

  public void restoreCredentials(String accessKeyId) {
    keys.restore(accessKeyId);
  }

  /** Adds a key while running, as its own account. */
  public void addCredentials(String accessKeyId, String accessKeySecret) {
    keys.add(accessKeyId, accessKeySecret, accessKeyId);
  }

  /** Requires (or replaces) the STS token of a key; a fresh token is not expired. */
  public void setSecurityToken(String accessKeyId, String securityToken) {
    keys.requireToken(accessKeyId, Objects.requireNonNull(securityToken));
  }

  /** Later calls presenting the key's token get InvalidSecurityToken.Expired. */
  public void expireSecurityToken(String accessKeyId) {
    keys.expireToken(accessKeyId);
  }

  /** Null: a public instance (IotInstanceId must then be absent). */
  public void setIotInstanceId(String iotInstanceId) {
    this.iotInstanceId = iotInstanceId;
  }

  public String iotInstanceId() {
    return iotInstanceId;
  }

  public void setQpsPerAction(int qps) {
    limiter.setLimit(qps);
  }

  public int qpsPerAction() {
    return limiter.limit();
  }

  public static final class Builder {
    private final AccessKeys keys = new AccessKeys();
    private String lastAccessKeyId;
    private String iotInstanceId;
    private int qpsPerAction = 10;
    private SimClock clock = SimClock.system();
    private long seed = 1;
    private int port;
    private int threads = 8;
    private Duration timestampTolerance = Duration.ofMinutes(15);
    private int nonceMemory = 200_000;
    private int callLogSize = 1000;
    private String hostId = "iot.cn-shanghai.aliyuncs.com";
    private final List<JobSpec> jobs = new ArrayList<>();

    private Builder() {
    }

    /** An AccessKey pair of its own account; may be called several times. Default: testid/testsecret. */
    public Builder credentials(String accessKeyId, String accessKeySecret) {
      return credentials(accessKeyId, accessKeySecret, accessKeyId);
    }

    /** An AccessKey pair of a given account: RAM users of one account share its QPS quota. */
    public Builder credentials(String accessKeyId, String accessKeySecret, String account) {
      keys.add(Objects.requireNonNull(accessKeyId), Objects.requireNonNull(accessKeySecret),
          Objects.requireNonNull(account));
      lastAccessKeyId = accessKeyId;
      return this;
    }

    /** The STS token the most recently added key must present (temporary credentials). */
    public Builder securityToken(String securityToken) {
      if (lastAccessKeyId == null) {
        throw new IllegalStateException("call credentials(...) before securityToken(...)");
      }
      return securityToken(lastAccessKeyId, securityToken);
    }

    public Builder securityToken(String accessKeyId, String securityToken) {
      keys.requireToken(accessKeyId, Objects.requireNonNull(securityToken));
      return this;
    }

    /** An enterprise instance: every call must name it, else iot.system.InstanceNotFound. */
    public Builder iotInstanceId(String iotInstanceId) {
      this.iotInstanceId = iotInstanceId;
      return this;
    }

    /** Accepted calls per action per account in any one-second window; 0 = unlimited. Default 10. */
    public Builder qpsPerAction(int qps) {
      if (qps < 0) {
        throw new IllegalArgumentException("qps must be >= 0");
      }
      this.qpsPerAction = qps;
      return this;
    }

    public Builder clock(SimClock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Seeds generated ids, job evolution and random faults. Default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** 0 (default) picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Server threads kept warm; the pool grows to 64 (or to this, if more) under load. Default 8. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1");
      }
      this.threads = threads;
      return this;
    }

    /** How far a request Timestamp may be from the simulator clock; default 15 minutes like the vendor. */
    public Builder timestampTolerance(Duration tolerance) {
      this.timestampTolerance = Objects.requireNonNull(tolerance);
      return this;
    }

    /** Maximum nonces remembered for replay detection (oldest forgotten first). Default 200,000. */
    public Builder nonceMemory(int entries) {
      this.nonceMemory = entries;
      return this;
    }

    public Builder callLogSize(int calls) {
      this.callLogSize = calls;
      return this;
    }

    public Builder hostId(String hostId) {
      this.hostId = Objects.requireNonNull(hostId);
      return this;
    }

    /** A job created when the simulator is built. */
    public Builder job(JobSpec spec) {
      jobs.add(Objects.requireNonNull(spec));
      return this;
    }

    public OtaApiSimulator build() {
      if (keys.isEmpty()) {
        credentials(DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET);
      }
      return new OtaApiSimulator(this);
    }
  }
}
