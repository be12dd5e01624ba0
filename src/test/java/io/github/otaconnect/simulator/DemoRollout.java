package io.github.otaconnect.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A realistic rollout for the quickstart and benchmarks: a large static upgrade well under way, its
 * finished verification, a dynamic job that keeps growing, a planned job, a phased job and a canceled one.
 * {@code speed} multiplies every rate, so a demo need not wait hours for progress.
 */
final class DemoRollout {

  private DemoRollout() {
  }

  /** Adds the jobs and returns JobId -> description. */
  static Map<String, String> addTo(Scenario scenario, int devices, double speed) {
    Map<String, String> jobs = new LinkedHashMap<>();
    JobSpec.Builder meter = JobSpec.upgrade().productKey("a1MeterPK01").productName("SmartMeter")
        .firmwareName("meter-fw-2.1.0").srcVersions("2.0.3", "2.0.4").destVersion("2.1.0")
        .deviceNamePrefix("meter");
    jobs.put(scenario.addJob(JobSpec.verify().productKey("a1MeterPK01").productName("SmartMeter")
            .firmwareName("meter-fw-2.1.0").srcVersions("2.0.4").destVersion("2.1.0").deviceNamePrefix("meter")
            .taskCount(5).initially(TaskStatus.SUCCEEDED, 1.0).history(Duration.ofDays(2)).build()),
        "verification of meter-fw-2.1.0 on 5 devices (COMPLETE)");
    jobs.put(scenario.addJob(meter.taskCount(devices).alreadyTerminal(0.7).history(Duration.ofHours(3))
            .changeRate(0.02 * speed).failureProbability(0.08).cancelProbability(0.01).confirmProbability(0.05)
            .pauseProbability(0.01).retry(2, 1).timeoutInMinutes(30).jobDesc("meter fleet upgrade").build()),
        "static upgrade of " + devices + " meters, 70% done, retries 2 x 1 min");
    jobs.put(scenario.addJob(JobSpec.upgrade().productKey("a1GatewayPK1").productName("EdgeGateway")
            .firmwareName("gw-fw-5.0.1").srcVersions("5.0.0").destVersion("5.0.1").deviceNamePrefix("gw")
            .taskCount(Math.max(1, devices / 5)).alreadyTerminal(0.5).history(Duration.ofHours(1))
            .dynamic(0.2 * speed).changeRate(0.05 * speed).failureProbability(0.05).build()),
        "dynamic upgrade of gateways, " + (0.2 * speed) + " new devices/s, never completes");
    jobs.put(scenario.addJob(JobSpec.upgrade().productKey("a1GatewayPK1").productName("EdgeGateway")
            .firmwareName("gw-fw-5.1.0").srcVersions("5.0.1").destVersion("5.1.0").deviceNamePrefix("gw")
            .taskCount(Math.max(1, devices / 2)).scheduleIn(Duration.ofSeconds(40)).changeRate(0.05 * speed)
            .retry(1, 2).build()),
        "planned upgrade of " + Math.max(1, devices / 2) + " gateways, starts 40 s in");
    jobs.put(scenario.addJob(JobSpec.upgrade().productKey("a1SensorPK01").productName("AirSensor")
            .firmwareName("sensor-fw-1.4").srcVersions("1.3").destVersion("1.4").deviceNamePrefix("sensor")
            .taskCount(Math.max(1, devices / 5)).gray(20).changeRate(0.03 * speed).failureProbability(0.15)
            .build()),
        "phased (GRAY 20%) upgrade of sensors");
    jobs.put(scenario.addJob(JobSpec.upgrade().productKey("a1SensorPK01").productName("AirSensor")
            .firmwareName("sensor-fw-1.3.9").srcVersions("1.3").destVersion("1.3.9").deviceNamePrefix("sensor")
            .taskCount(200).alreadyTerminal(0.4).history(Duration.ofDays(1)).canceled().build()),
        "canceled upgrade of 200 sensors");
    return jobs;
  }
}
