/**
 * Benchmarks of the connector's scanning against the OTA API simulator (issue "Performance: use the vendor's
 * QPS budget to the last call, scan only what changed").
 *
 * <p>End to end, on real time, the simulator enforcing 10 queries per second per action
 * ({@link io.github.otaconnect.benchmark.ScanBenchmark}; results in {@code target/benchmark-results.json}):
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.otaconnect.benchmark.ScanBenchmark -Dexec.args="all"
 * </pre>
 * Scenarios {@code first-read}, {@code multi-task}, {@code steady-state}, {@code cost-growth},
 * {@code cost-table} (the default set) and {@code memory} (scanner in {@code -Xmx256m}, simulator in another
 * JVM); {@code -Dexec.args="--help"} lists the sizes and how to change them. {@code cost-table} alone, the
 * README's table of calls per cycle against a full re-read, lag and offset bytes (about 9 minutes):
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.otaconnect.benchmark.ScanBenchmark -Dexec.args="cost-table"
 * </pre>
 *
 * <p>{@code push-table} (not part of {@code all}: it starts AMQP brokers) puts push off and push on side by
 * side for issue #13: delivery lag and API calls per minute by kind, each side a connector task with a
 * simulator of its own; the default rows (100,000 tasks with 1 % changing per minute, the 250-task rollout,
 * 2 x 20,000 devices updating within 3 minutes) take about 14 minutes:
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.otaconnect.benchmark.ScanBenchmark -Dexec.args="push-table"
 * </pre>
 *
 * <p>One thread's record pipeline, bytes of a page to Avro binary (JMH forks a JVM, hence {@code exec:exec}):
 * <pre>
 * mvn -B -q test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main RecordPipelineBenchmark -f 1 -wi 5 -i 5"
 * </pre>
 * {@code BenchmarkSmokeTest} runs all of it once at toy sizes in the unit test phase.
 */
package io.github.otaconnect.benchmark;
