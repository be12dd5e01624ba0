package io.github.otaconnect.simulator;

import io.github.otaconnect.simulator.push.PushFixture;
import io.github.otaconnect.simulator.push.PushKnobs;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the simulator with a realistic rollout on real time until Ctrl-C, for the quickstart and for
 * benchmarks against a real Connect worker.
 *
 * <pre>
 * java -cp ... io.github.otaconnect.simulator.OtaApiSimulatorMain [--port 8089] [--seed 42] [--speed 1]
 *     [--devices 5000] [--qps 10] [--iot-instance-id ID] [--status-every 60] [--push-group quickstart-group]
 *     [--no-push]
 * </pre>
 * {@code --speed} multiplies the rollout's change and growth rates; the clock stays real time, so the
 * connector's signing timestamps stay valid.
 *
 * <p>Unless {@code --no-push}, the vendor's push side runs in this process too (a {@link PushFixture} for one
 * consumer group): its publisher needs this simulator's scenario. It announces the AMQP endpoint and trust
 * store, and a line {@code push clients GROUP N} whenever the number of connected clients changes.
 */
public final class OtaApiSimulatorMain {

  /** Starts the line that reports how many clients of the push group are connected. */
  public static final String PUSH_CLIENTS = "push clients ";
  private static final String DEFAULT_PUSH_GROUP = "quickstart-group";

  private OtaApiSimulatorMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      usage();
      System.exit(2);
      return;
    }
    if (options.containsKey("help")) {
      usage();
      return;
    }
    int port = Integer.parseInt(options.getOrDefault("port", "8089"));
    long seed = Long.parseLong(options.getOrDefault("seed", "42"));
    double speed = Double.parseDouble(options.getOrDefault("speed", "1"));
    int devices = Integer.parseInt(options.getOrDefault("devices", "5000"));
    int qps = Integer.parseInt(options.getOrDefault("qps", "10"));
    int statusEvery = Integer.parseInt(options.getOrDefault("status-every", "60"));
    String instanceId = options.get("iot-instance-id");
    String pushGroup = options.containsKey("no-push") ? null : options.getOrDefault("push-group", DEFAULT_PUSH_GROUP);

    OtaApiSimulator sim = OtaApiSimulator.builder()
        .credentials(OtaApiSimulator.DEFAULT_ACCESS_KEY_ID, OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET)
        .iotInstanceId(instanceId)
        .qpsPerAction(qps)
        .clock(SimClock.system())
        .seed(seed)
        .port(port)
        .build();
    Map<String, String> jobs = DemoRollout.addTo(sim.scenario(), devices, speed);
    sim.start();
    PushFixture push = pushGroup == null ? null : PushFixture.start(sim, Set.of(pushGroup), PushKnobs.faithful(seed));

    System.out.println("OTA API simulator (Alibaba Cloud IoT Platform, API version " + OtaApiSimulator.API_VERSION + ")");
    System.out.println("  endpoint          " + sim.endpoint());
    System.out.println("  AccessKey ID      " + OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
    System.out.println("  AccessKey secret  " + OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET + "   (a test value)");
    System.out.println("  IotInstanceId     " + (instanceId == null ? "(none: public instance)" : instanceId));
    System.out.println("  QPS per action    " + (qps == 0 ? "unlimited" : qps) + ", seed " + seed + ", speed " + speed);
    if (push == null) {
      System.out.println("  push              off");
    } else {
      System.out.println("  push endpoint     " + push.endpoint(pushGroup));
      System.out.println("  push group        " + pushGroup);
      System.out.println("  push truststore   " + push.trustStorePath().toAbsolutePath());
      System.out.println("  push password     " + push.trustStorePassword() + "   (a test value)");
    }
    System.out.println("  jobs:");
    jobs.forEach((id, what) -> System.out.println("    " + id + "  " + what));
    System.out.println("  job ids for a connector config: " + String.join(",", jobs.keySet()));
    System.out.println("Ctrl-C stops.");

    ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ota-simulator-status");
      t.setDaemon(true);
      return t;
    });
    if (statusEvery > 0) {
      status.scheduleAtFixedRate(() -> printStatus(sim, jobs), statusEvery, statusEvery, TimeUnit.SECONDS);
    }
    if (push != null) {
      int[] reported = {0};
      status.scheduleWithFixedDelay(() -> {
        int clients = push.broker(pushGroup).clientCount();
        if (clients != reported[0]) {
          reported[0] = clients;
          System.out.println(PUSH_CLIENTS + pushGroup + " " + clients);
        }
      }, 200, 200, TimeUnit.MILLISECONDS);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      status.shutdownNow();
      if (push != null) {
        push.close();
      }
      sim.close();
      System.out.println("OTA API simulator stopped; calls: " + sim.counters().snapshot());
      stopped.countDown();
    }, "ota-simulator-shutdown"));
    stopped.await();
  }

  private static void printStatus(OtaApiSimulator sim, Map<String, String> jobs) {
    StringBuilder line = new StringBuilder(sim.clock().now().toString());
    for (String jobId : jobs.keySet()) {
      JobTruth truth = sim.scenario().truth(jobId);
      line.append(String.format(Locale.ROOT, "%n  %s %-11s %s", jobId, truth.job().jobStatus(), truth.countByStatus()));
    }
    line.append(String.format(Locale.ROOT, "%n  calls %s", sim.counters().snapshot()));
    System.out.println(line);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int k = 0; k < args.length; k++) {
      String arg = args[k];
      if (arg.equals("--help") || arg.equals("-h")) {
        options.put("help", "");
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      String name = arg.substring(2);
      if (name.equals("no-push")) {
        options.put(name, "");
        continue;
      }
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (k + 1 < args.length) {
        value = args[++k];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!java.util.Set.of("port", "seed", "speed", "devices", "qps", "iot-instance-id", "status-every",
          "push-group")
          .contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      options.put(name, value);
    }
    return options;
  }

  private static void usage() {
    System.err.println("usage: OtaApiSimulatorMain [--port 8089] [--seed 42] [--speed 1.0] [--devices 5000]"
        + " [--qps 10] [--iot-instance-id ID] [--status-every 60] [--push-group quickstart-group] [--no-push]");
  }
}
