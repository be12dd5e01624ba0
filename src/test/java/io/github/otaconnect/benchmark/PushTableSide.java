package io.github.otaconnect.benchmark;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.AttributeNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.RecordedCall;
import io.github.otaconnect.simulator.push.PushFixture;
import io.github.otaconnect.simulator.push.PushKnobs;

/**
 * One side of a push-table row: a simulator of its own (so an account and a 10 QPS limit of its own), the
 * row's jobs, with push on an AMQP broker that publishes every change, and one connector task polled as a
 * worker would. Both sides of a row are built from the same seeds, so their jobs and changes are the same.
 */
final class PushTableSide implements AutoCloseable {

    static final String TASK_TOPIC = "ota.tasks";
    static final String GROUP = "group-0";
    /** Enough for the first read of 100,000 tasks and several minutes at the vendor's limit. */
    private static final int CALL_LOG = 200_000;

    private final boolean push;
    private final SimulatedVendor vendor;
    private final PushFixture fixture;
    private final List<String> jobIds = new ArrayList<>();
    private final ChangeTimes changeTimes = new ChangeTimes();
    private final RecordObserver lag;
    private final Map<String, RecordObserver> perJob = new LinkedHashMap<>();
    private final List<Changes> changes = new ArrayList<>();
    private final int totalTasks;
    private final PolledTask task;
    private final String name;

    PushTableSide(boolean push, String name, PushTableScenario.RowSpec spec, BenchmarkOptions options) {
        this.push = push;
        this.name = name;
        this.vendor = new SimulatedVendor(options.simulatorQps(), options.seed(), CALL_LOG);
        for (int j = 0; j < spec.jobs(); j++) {
            long seed = options.seed() + j;
            JobSpec job = spec.kind() == PushTableScenario.Kind.ROLLOUT ? Rollout.queuedJob(spec.tasks(), seed)
                    : SimulatedVendor.runningJob(spec.tasks(), options.terminalFraction(), 0, seed);
            String jobId = vendor.addJob(job);
            jobIds.add(jobId);
            perJob.put(jobId, new RecordObserver(TASK_TOPIC, vendor.scenario().truth(jobId)));
            changes.add(spec.kind() == PushTableScenario.Kind.ROLLOUT
                    ? new Rollout(vendor.scenario(), jobId, options.rolloutFraction(), spec.changing(), seed + 7,
                            changeTimes)
                    : new TaskChurn(vendor.scenario(), jobId, spec.tasks() * options.pushChurnPerMinute() / 60.0,
                            seed + 7, changeTimes));
        }
        this.totalTasks = spec.tasks() * spec.jobs();
        this.lag = new RecordObserver(TASK_TOPIC).measureLatencyFrom(changeTimes);
        this.fixture = push ? PushFixture.start(vendor.simulator(), Set.of(GROUP), PushKnobs.faithful(options.seed()))
                : null;
        this.task = new PolledTask(name, props(name, spec, options), this::accept);
    }

    private Map<String, String> props(String name, PushTableScenario.RowSpec spec, BenchmarkOptions options) {
        Map<String, String> props = new HashMap<>(SimulatedVendor.connectorProps(vendor.endpoint(), jobIds,
                options.pageSize(), options.pollInterval()));
        props.put("name", name);
        props.put("ota.task.topic", TASK_TOPIC);
        props.put("ota.task.job.ids", String.join(",", jobIds));
        props.put("ota.task.index", "0");
        props.put("ota.qps.per.action", Double.toString(options.budget()));
        props.put("ota.task.qps.per.action", Double.toString(options.budget()));
        if (push) {
            props.put("ota.push.enabled", "true");
            props.put("ota.push.endpoint", fixture.endpoint(GROUP));
            props.put("ota.push.consumer.groups", GROUP);
            props.put("ota.push.poll.interval.ms", Long.toString(options.pushPollInterval().toMillis()));
            props.put("ota.push.read.linger.ms", Long.toString(options.pushLinger().toMillis()));
            props.put("ota.push.call.budget.ratio", Double.toString(spec.callBudgetRatio()));
            props.put("ota.push.ssl.truststore.location", fixture.trustStorePath().toString());
            props.put("ota.push.ssl.truststore.password", fixture.trustStorePassword());
        }
        return props;
    }

    /** On the poll thread, the moment a batch leaves the task's queue. */
    private void accept(List<SourceRecord> batch) {
        lag.accept(batch);
        Map<String, List<SourceRecord>> byJob = new HashMap<>();
        for (SourceRecord record : batch) {
            String jobId = ((Struct) record.value()).getString("job_id");
            byJob.computeIfAbsent(jobId, id -> new ArrayList<>()).add(record);
        }
        byJob.forEach((jobId, records) -> {
            RecordObserver observer = perJob.get(jobId);
            if (observer != null) {
                observer.accept(records);
            }
        });
    }

    /** Every task handed over once and, with push, the AMQP connection up. */
    boolean ready() {
        return lag.taskRecords() >= totalTasks && (!push || fixture.broker(GROUP).clientCount() == 1);
    }

    long taskRecords() {
        return lag.taskRecords();
    }

    Throwable failure() {
        return task.failure();
    }

    void startChanges() {
        changes.forEach(Changes::start);
    }

    void stopChanges() {
        changes.forEach(Changes::stop);
    }

    long changesMade() {
        return changes.stream().mapToLong(Changes::applied).sum();
    }

    Latencies.Summary lag() {
        return lag.latencies().summary();
    }

    /** Calls the simulator answered in [fromMs, toMs), by kind. */
    PushTableScenario.Calls calls(long fromMs, long toMs) {
        long query = 0;
        long pages = 0;
        long rereads = 0;
        long throttled = 0;
        for (RecordedCall call : vendor.recentCalls()) {
            long at = call.at().toEpochMilli();
            if (at < fromMs || at >= toMs) {
                continue;
            }
            if (CallCount.THROTTLED.equals(call.outcome())) {
                throttled++;
            }
            if (CallCount.QUERY_JOB.equals(call.action())) {
                query++;
            } else if (call.params().containsKey("DeviceNames.1")) {
                rereads++;
            } else {
                pages++;
            }
        }
        double minutes = (toMs - fromMs) / 60_000.0;
        return new PushTableScenario.Calls(query / minutes, pages / minutes, rereads / minutes,
                (query + pages + rereads) / minutes, throttled);
    }

    /** Whether the latest state handed over per task equals the simulator's, for every job. */
    String convergence() {
        long off = 0;
        for (String jobId : jobIds) {
            RecordObserver.Convergence c = perJob.get(jobId).compareWith(vendor.scenario().truth(jobId));
            off += c.stale() + c.neverEmitted();
        }
        return off == 0 ? "yes" : "NO (" + off + " off)";
    }

    /**
     * A cumulative push metric of this side's task, from the JMX reporter the task registers without a
     * worker (0 before its first record, or without push).
     */
    double pushMetric(String metric) {
        if (!push) {
            return 0;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            double sum = 0;
            for (ObjectName bean : server.queryNames(new ObjectName("kafka.connect:type=plugins,connector=" + name
                    + ",*"), null)) {
                try {
                    sum += ((Number) server.getAttribute(bean, metric)).doubleValue();
                } catch (AttributeNotFoundException e) {
                    // another metric's bean
                }
            }
            return sum;
        } catch (JMException e) {
            throw new IllegalStateException("cannot read " + metric, e);
        }
    }

    /** Messages the broker published, for the report. */
    String pushStats() {
        return fixture == null ? "-" : fixture.stats().toString();
    }


    @Override
    public void close() throws InterruptedException {
        stopChanges();
        task.close();
        if (fixture != null) {
            fixture.close();
        }
        vendor.close();
    }
}
