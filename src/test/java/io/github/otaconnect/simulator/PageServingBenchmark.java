package io.github.otaconnect.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures (outside the test suite) how fast pages of a 1,000,000-task job are served and what the job
 * costs in heap. Run: {@code java -Xmx512m -cp <test-classpath> io.github.otaconnect.simulator.PageServingBenchmark}.
 */
public final class PageServingBenchmark {

  private PageServingBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    long heapBefore = usedHeap();
    long buildStart = System.nanoTime();
    ManualClock clock = new ManualClock();
    OtaApiSimulator sim = OtaApiSimulator.builder().clock(clock).qpsPerAction(0).build().start();
    String jobId = sim.scenario().addJob(JobSpec.upgrade().taskCount(tasks).alreadyTerminal(0.95)
        .history(Duration.ofDays(3)).changeRate(0.01).retry(2, 30).build());
    double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
    long heapAfter = usedHeap();
    report("build %,d tasks: %.2f s; heap +%,d MiB (columns %,d MiB)", tasks, buildSeconds,
        (heapAfter - heapBefore) >> 20, sim.scenario().footprintBytes() >> 20);

    Random random = new Random(1);
    int maxPage = Math.min(1000, (tasks + 99) / 100);
    Scenario scenario = sim.scenario();
    for (int round = 0; round < 2; round++) { // the first round warms up the JIT
      long start = System.nanoTime();
      int n = 20_000;
      for (int k = 0; k < n; k++) {
        scenario.listTasks(jobId, 1 + random.nextInt(maxPage), 100, null, List.of());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      report("in-process unfiltered page of 100: %,.0f pages/s (%.1f us/page)", n / seconds, seconds / n * 1e6);
    }
    long start = System.nanoTime();
    int n = 20_000;
    for (int k = 0; k < n; k++) {
      scenario.listTasks(jobId, 1 + random.nextInt(maxPage), 100, "SUCCEEDED", List.of());
    }
    double filtered = (System.nanoTime() - start) / 1e9;
    report("in-process SUCCEEDED page of 100: %,.0f pages/s", n / filtered);

    SigningTestClient client = SigningTestClient.forSimulator(sim);
    for (int round = 0; round < 2; round++) {
      start = System.nanoTime();
      n = 3_000;
      for (int k = 0; k < n; k++) {
        client.listTasks(jobId, 1 + random.nextInt(maxPage), 100);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      report("HTTP, 1 client thread: %,.0f pages/s (%.2f ms/page incl. signing and JSON)", n / seconds,
          seconds / n * 1e3);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    start = System.nanoTime();
    int perThread = 1_500;
    List<Future<?>> futures = new java.util.ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int seed = t;
      futures.add(pool.submit(() -> {
        Random r = new Random(seed);
        for (int k = 0; k < perThread; k++) {
          client.listTasks(jobId, 1 + r.nextInt(maxPage), 100);
        }
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double concurrent = (System.nanoTime() - start) / 1e9;
    report("HTTP, 4 client threads: %,.0f pages/s", 4 * perThread / concurrent);
    pool.shutdown();

    start = System.nanoTime();
    clock.advance(Duration.ofMinutes(10));
    scenario.job(jobId);
    report("advance 10 min of evolution (%,d active tasks): %.2f s", scenario.truth(jobId).taskCount()
        - scenario.truth(jobId).count(TaskStatus.SUCCEEDED) - scenario.truth(jobId).count(TaskStatus.CANCELED),
        (System.nanoTime() - start) / 1e9);
    sim.close();
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int k = 0; k < 3; k++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static void report(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
