package io.github.otaconnect.source;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.push.PushListener;
import io.github.otaconnect.push.PushSubscriber;

/**
 * Kafka Connect source connector for Alibaba Cloud IoT Platform OTA jobs: job snapshots and per-device
 * task states, streamed into two topics.
 */
public class OtaSourceConnector extends SourceConnector {

    private static final Logger log = LoggerFactory.getLogger(OtaSourceConnector.class);

    private static final Duration MONITOR_STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Clock clock;
    private Map<String, String> props;
    private OtaSourceConnectorConfig config;
    private ConnectorMetrics metrics;
    private OtaApi monitorApi;
    private JobMonitor monitor;
    private BackgroundThread monitorThread;
    private PushSubscriber discoveryPush;
    private BackgroundThread discoveryPushThread;

    public OtaSourceConnector() {
        this(Clock.systemUTC());
    }

    OtaSourceConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        try {
            this.config = new OtaSourceConnectorConfig(props);
        } catch (ConfigException e) {
            throw new ConnectException("Invalid OTA source connector configuration: " + e.getMessage(), e);
        }
        this.props = Map.copyOf(props);
        String name = props.getOrDefault("name", "unnamed");
        metrics = new ConnectorMetrics(MetricsExporter.forConnector(context, name), clock);
        // The monitor's calls (discovery, job sizes) come out of the same per-action budget as the tasks'.
        monitorApi = OtaApiFactory.create(config, JobAssignment.monitorShare(config.qpsPerAction()),
                metrics.apiCalls());
        JobDiscovery discovery = config.discoveryEnabled() ? JobDiscovery.from(config, monitorApi, clock) : null;
        monitor = new JobMonitor(config.jobIds(), discovery, new JobSizeProbe(monitorApi, config.pageSize()),
                config.discoveryInterval(), JobMonitor.FIRST_ASSIGNMENT_WAIT, context, metrics);
        // Discovery and job sizes arrive in the background so that start() stays quick; the first assignment
        // waits for them briefly, and a reassignment follows when they change it.
        monitorThread = BackgroundThread.start("ota-job-monitor-" + name, monitor);
        if (config.pushEnabled() && config.pushDiscoveryConsumerGroup() != null && config.discoveryEnabled()) {
            // Job status messages about jobs not followed yet wake discovery; the others are not its business.
            discoveryPush = new PushSubscriber(PushSettingsFactory.forDiscovery(config, name),
                    jobId -> !monitor.follows(jobId), monitor.pushInbox(), new PushListener() { }, clock);
            discoveryPushThread = BackgroundThread.start("ota-push-discovery-" + name, discoveryPush);
        }
        if (config.discoveryEnabled()) {
            log.info("OTA source connector {} started: {} listed jobs, discovering the jobs of products {} and "
                    + "firmware {} every {} s", version(), config.jobIds().size(), config.productKeys(),
                    config.firmwareIds(), config.discoveryInterval().toSeconds());
        } else {
            log.info("OTA source connector {} started for {} jobs", version(), config.jobIds().size());
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return OtaSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        JobMonitor.Assignment jobs = monitor.forAssignment();
        if (jobs.jobIds().isEmpty()) {
            log.info("No OTA jobs to follow yet; the connector runs no tasks until discovery finds some");
            return List.of();
        }
        List<JobAssignment.TaskShare> shares = JobAssignment.assign(jobs.jobIds(), jobs.scanCosts(), maxTasks,
                JobAssignment.taskBudget(config.qpsPerAction(), jobs.monitorMayCall()));
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            JobAssignment.TaskShare share = shares.get(i);
            // The original properties pass through untouched, so a ConfigProvider placeholder for the secret
            // stays a placeholder in the REST API's view of the task configs.
            Map<String, String> taskProps = new HashMap<>(props);
            taskProps.put(OtaSourceTaskConfig.TASK_JOB_IDS, String.join(",", share.jobIds()));
            taskProps.put(OtaSourceTaskConfig.TASK_QPS_PER_ACTION, Double.toString(share.qpsPerAction()));
            taskProps.put(OtaSourceTaskConfig.TASK_INDEX, Integer.toString(i));
            configs.add(taskProps);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (discoveryPush != null) {
            discoveryPush.stop();
            discoveryPushThread.stop(MONITOR_STOP_TIMEOUT);
            discoveryPush = null;
        }
        if (monitor != null) {
            monitor.stop();
            monitorThread.stop(MONITOR_STOP_TIMEOUT);
        }
        if (monitorApi != null) {
            monitorApi.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    @Override
    public ConfigDef config() {
        return OtaSourceConnectorConfig.configDef();
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        boolean singleValuesValid = result.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (!singleValuesValid) {
            return result;
        }
        try {
            new OtaSourceConnectorConfig(connectorConfigs);
        } catch (ConfigException e) {
            attach(result, e.getMessage());
        }
        return result;
    }

    /** Cross-field problems are attached to the first key they name, so UIs show them next to it. */
    private static void attach(Config result, String message) {
        for (String problem : message.split("; ")) {
            ConfigValue target = result.configValues().stream()
                    .filter(v -> problem.startsWith(v.name() + " ")).findFirst()
                    .orElse(result.configValues().get(0));
            target.addErrorMessage(problem);
        }
    }

    /**
     * Each poll() batch ends with a record whose offset covers the whole batch, so with exactly-once
     * support enabled on the worker a batch and its offset commit atomically, and a restart resumes at
     * exactly the last committed batch.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    /**
     * Lets operators change offsets through the REST API (Connect 3.6+): only offsets this connector can
     * read are accepted, so a typo cannot turn into lost or repeated task states later.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Object jobId = entry.getKey().get(JobPartition.JOB_ID);
            if (!(jobId instanceof String)) {
                throw new ConnectException("Source partition " + entry.getKey() + " has no '" + JobPartition.JOB_ID
                        + "': partitions of this connector look like {\"" + JobPartition.JOB_ID + "\": \"<job id>\"}");
            }
            if (entry.getValue() != null) {
                JobOffset.fromMap(entry.getValue());
            }
        }
        return true;
    }
}
