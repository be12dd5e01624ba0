package io.github.otaconnect.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.push.PushInbox;
import io.github.otaconnect.push.PushSubscriber;

/**
 * Follows the jobs the connector assigned to it. A background {@link ScanLoop} does the API work;
 * {@link #poll()} only drains what it produced, so it returns promptly, and {@link #stop()} returns
 * within a few seconds even in the middle of a scan or a backoff.
 */
public class OtaSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(OtaSourceTask.class);
    /** poll() waits at most this long for records, so the worker can commit offsets and stop promptly. */
    private static final long POLL_WAIT_MS = 500;
    private static final int QUEUE_CHUNKS = 8;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Clock clock;
    private OtaApi api;
    private BlockingQueue<List<SourceRecord>> queue;
    private ScanLoop loop;
    private BackgroundThread loopThread;
    private TaskMetrics metrics;
    private final DeliveryAcks acks = new DeliveryAcks();
    private PushSubscriber subscriber;
    private BackgroundThread subscriberThread;
    /** Records one poll() returns at most: whole chunks, about two of them. */
    private int maxBatch;

    public OtaSourceTask() {
        this(Clock.systemUTC());
    }

    OtaSourceTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        OtaSourceTaskConfig config;
        try {
            config = new OtaSourceTaskConfig(props);
        } catch (ConfigException e) {
            throw new ConnectException("Invalid OTA source task configuration: " + e.getMessage(), e);
        }
        List<JobState> jobs = restoreJobs(config);
        metrics = new TaskMetrics(MetricsExporter.forTask(context, config.connectorName(), config.taskIndex()), clock,
                jobs, List.of(config.jobTopic(), config.taskTopic()));
        api = OtaApiFactory.create(config, config.assignedQpsPerAction(), metrics.apiCalls());
        RecordFactory records = new RecordFactory(config.jobTopic(), config.taskTopic());
        ScanSettings settings = ScanSettings.from(config);
        maxBatch = settings.chunkSize() * 2;
        JobScanner scanner = new JobScanner(api, records, settings, clock);
        queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
        PushInbox inbox = new PushInbox();
        PushedReads pushed = config.pushEnabled() ? startPush(config, jobs, inbox, scanner) : null;
        loop = new ScanLoop(jobs, scanner, queue, clock, config.pollInterval(), new ScanLogger().andThen(metrics),
                inbox, pushed);
        loopThread = BackgroundThread.start("ota-scan-" + config.connectorName() + "-" + config.taskIndex(), loop);
        log.info("OTA source task {} started: {} jobs, {} queries/s per action", version(), jobs.size(),
                config.assignedQpsPerAction());
    }

    private PushedReads startPush(OtaSourceTaskConfig config, List<JobState> jobs, PushInbox inbox,
                                  JobScanner scanner) {
        PushMetrics pushMetrics = metrics.push();
        Set<String> followed = Set.copyOf(config.assignedJobIds());
        subscriber = new PushSubscriber(PushSettingsFactory.forTask(config), followed::contains, inbox, pushMetrics,
                clock);
        subscriberThread = BackgroundThread.start("ota-push-" + config.connectorName() + "-" + config.taskIndex(),
                subscriber);
        return new PushedReads(jobs, inbox, subscriber::connected, scanner, acks, pushMetrics, clock,
                PushPacing.of(config));
    }

    private List<JobState> restoreJobs(OtaSourceTaskConfig config) {
        List<JobPartition> partitions = config.assignedJobIds().stream()
                .map(id -> new JobPartition(id, config.iotInstanceId())).toList();
        Map<JobPartition, JobOffset> committed = CommittedOffsets.read(context.offsetStorageReader(), partitions);
        boolean stopFinished = config.finishedJobPolicy() == OtaSourceConnectorConfig.FinishedJobPolicy.STOP;
        List<JobState> jobs = new ArrayList<>();
        for (JobPartition partition : partitions) {
            JobOffset offset = committed.get(partition);
            JobState state = new JobState(partition, offset, stopFinished);
            if (state.finished()) {
                log.info("Job {} finished before this task started; it is not scanned again", partition.jobId());
            } else if (!offset.isNone()) {
                log.info("Job {}: resuming from {}", partition.jobId(), offset);
            }
            jobs.add(state);
        }
        return jobs;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        ConnectException fatal = loop.fatalError();
        if (fatal != null && queue.isEmpty()) {
            throw fatal;
        }
        List<SourceRecord> first = queue.poll(POLL_WAIT_MS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>(first);
        // Whole chunks only: each chunk ends with a record whose offset covers the chunk.
        List<SourceRecord> next;
        while (batch.size() < maxBatch && (next = queue.poll()) != null) {
            batch.addAll(next);
        }
        metrics.recordsEmitted(batch);
        return batch;
    }

    /** A record reached Kafka: pushed messages whose reads it completes are acknowledged. */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        acks.delivered(record);
    }

    @Override
    public void stop() {
        if (subscriber != null) {
            subscriber.stop();
            subscriberThread.stop(STOP_TIMEOUT);
        }
        if (loop != null) {
            loop.stop();
            loopThread.stop(STOP_TIMEOUT);
        }
        if (api != null) {
            api.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    /** A readable INFO line per scan that found something, DEBUG otherwise, so steady state stays quiet. */
    private static final class ScanLogger implements ScanLoop.ScanListener {
        @Override
        public void scanned(JobState job, ScanOutcome outcome, Instant started, Duration duration) {
            if (outcome.recordsEmitted() > 0) {
                log.info("Job {}: scan took {} ms, {} API calls, {} task changes, {} records, {} tasks tracked{}",
                        job.jobId(), duration.toMillis(), outcome.calls(), outcome.changes(), outcome.recordsEmitted(),
                        job.trackedTasks(), outcome.complete() ? "" : " (incomplete listing)");
            } else {
                log.debug("Job {}: scan took {} ms, {} API calls, no changes", job.jobId(), duration.toMillis(),
                        outcome.calls());
            }
        }
    }
}
