package io.github.otaconnect.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.SimClock;

/**
 * What every integration scenario needs: a simulator on real time, one connector with its own topics on
 * a {@link ConnectRuntime}, a reader of those topics, and the waits and checks, all through public
 * interfaces (REST API, Kafka consumer), as an operator would.
 */
abstract class ScenarioSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    protected OtaApiSimulator simulator;
    protected String name;
    protected String jobTopic;
    protected String taskTopic;

    protected abstract ConnectRuntime runtime();

    protected void startSimulator(String connectorName) {
        simulator = OtaApiSimulator.builder().qpsPerAction(0).clock(SimClock.system()).build().start();
        name = connectorName.toLowerCase();
        jobTopic = name + ".jobs";
        taskTopic = name + ".tasks";
    }

    /** As {@link #startSimulator(String)}, with a simulator the caller configured (seed, credentials, tokens). */
    protected void startSimulator(String connectorName, OtaApiSimulator.Builder builder) {
        simulator = builder.qpsPerAction(0).clock(SimClock.system()).build().start();
        name = connectorName.toLowerCase();
        jobTopic = name + ".jobs";
        taskTopic = name + ".tasks";
    }

    protected void stopSimulator() {
        runtime().rest().delete(name);
        simulator.close();
    }

    protected String job(JobSpec.Builder spec) {
        return simulator.scenario().addJob(spec.build());
    }

    protected TopicRecords reader() {
        return new TopicRecords(runtime().bootstrapServers(), false, jobTopic, taskTopic);
    }

    /** A connector config pointed at the simulator, with quick polling for tests. */
    protected Map<String, String> connectorConfig(List<String> jobIds, int maxTasks) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.github.otaconnect.source.OtaSourceConnector");
        config.put("tasks.max", Integer.toString(maxTasks));
        config.put("ota.endpoint.url", simulator.endpoint().toString());
        config.put("ota.access.key.id", OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
        config.put("ota.access.key.secret", OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET);
        config.put("ota.job.ids", String.join(",", jobIds));
        config.put("topic.prefix", name);
        config.put("poll.interval.ms", "1000");
        config.put("ota.qps.per.action", "50");
        config.put("ota.qps.allow.above.vendor.limit", "true");
        config.put("ota.retry.backoff.initial.ms", "50");
        config.put("ota.retry.backoff.max.ms", "1000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "2");
        config.put("topic.creation.default.cleanup.policy", "compact");
        return config;
    }

    protected void deploy(Map<String, String> config, int expectedTasks) {
        runtime().rest().putConfig(name, config);
        awaitState("the connector and " + expectedTasks + " tasks run", status -> isRunning(status, expectedTasks));
    }

    protected void awaitState(String description, Predicate<JsonNode> condition) {
        await(description).atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonNode status = runtime().rest().status(name);
                    return status != null && condition.test(status);
                });
    }

    protected static boolean isRunning(JsonNode status, int tasks) {
        if (!"RUNNING".equals(status.path("connector").path("state").asText())) {
            return false;
        }
        int running = 0;
        for (JsonNode task : status.path("tasks")) {
            if ("RUNNING".equals(task.path("state").asText())) {
                running++;
            }
        }
        return running == tasks && status.path("tasks").size() == tasks;
    }

    protected static boolean isStopped(JsonNode status) {
        return "STOPPED".equals(status.path("connector").path("state").asText());
    }

    protected static boolean anyTaskFailed(JsonNode status) {
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Task ID → the worker it runs on. */
    protected Map<Integer, String> taskWorkers() {
        Map<Integer, String> workers = new HashMap<>();
        for (JsonNode task : runtime().rest().status(name).path("tasks")) {
            workers.put(task.path("id").asInt(), task.path("worker_id").asText());
        }
        return workers;
    }

    protected void awaitConvergence(TopicRecords records, List<String> jobIds, boolean finished) {
        await("convergence with the simulator's truth").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertEquals(List.of(), Convergence.divergence(simulator.scenario(), jobIds,
                        records.catchUp(), jobTopic, taskTopic, finished)));
    }

    protected void awaitTaskRecords(TopicRecords records, int atLeast) {
        await(atLeast + " task records").atMost(TIMEOUT).until(() -> records.catchUp().all(taskTopic).size() >= atLeast);
    }
}
