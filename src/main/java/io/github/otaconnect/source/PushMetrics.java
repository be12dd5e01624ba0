package io.github.otaconnect.source;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;

import io.github.otaconnect.push.PushListener;

/**
 * A task's push metrics, beside {@link TaskMetrics} in the same registry: whether push is connected,
 * messages by kind, the messages that needed no read (duplicates, other jobs', stale ones), and the reads
 * and scans pushed messages triggered.
 */
final class PushMetrics implements PushListener {

    static final String CONNECTED = "push-connected";
    static final String MESSAGES_TOTAL = "push-messages-total";
    static final String DUPLICATES_TOTAL = "push-messages-duplicate-total";
    static final String NOT_OURS_TOTAL = "push-messages-other-jobs-total";
    static final String STALE_TOTAL = "push-messages-stale-total";
    static final String READS_TOTAL = "push-triggered-reads-total";
    static final String SCANS_TOTAL = "push-triggered-scans-total";

    private final Map<MessageKind, Sensor> messages = new EnumMap<>(MessageKind.class);
    private final Sensor duplicates;
    private final Sensor notOurs;
    private final Sensor stale;
    private final Sensor reads;
    private final Sensor scans;
    private volatile boolean connected;

    PushMetrics(Metrics metrics) {
        metrics.addMetric(metrics.metricName(CONNECTED, MetricsExporter.GROUP,
                "1 while the AMQP receiver is connected (polling runs at the push interval), else 0"),
                (Gauge<Integer>) (config, now) -> connected ? 1 : 0);
        for (MessageKind kind : MessageKind.values()) {
            String type = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
            Sensor sensor = metrics.sensor("push-messages:" + type);
            sensor.add(metrics.metricName(MESSAGES_TOTAL, MetricsExporter.GROUP,
                    "Pushed messages received, by kind (device-status, job-status, other topics, malformed)",
                    MetricsExporter.tags("kind", type)), new CumulativeCount());
            messages.put(kind, sensor);
        }
        duplicates = counter(metrics, DUPLICATES_TOTAL, "Pushed messages whose messageId was seen before");
        notOurs = counter(metrics, NOT_OURS_TOTAL, "Pushed messages about jobs this task does not follow");
        stale = counter(metrics, STALE_TOTAL,
                "Pushed device messages whose re-read found nothing new (late, reordered or already polled)");
        reads = counter(metrics, READS_TOTAL, "ListOTATaskByJob calls by device name that pushed messages triggered");
        scans = counter(metrics, SCANS_TOTAL,
                "Scans started early by pushed messages (a job status, or more devices than a scan costs)");
    }

    private static Sensor counter(Metrics metrics, String name, String description) {
        Sensor sensor = metrics.sensor(name);
        sensor.add(metrics.metricName(name, MetricsExporter.GROUP, description), new CumulativeSum());
        return sensor;
    }

    @Override
    public void connected() {
        connected = true;
    }

    @Override
    public void disconnected() {
        connected = false;
    }

    @Override
    public void received(MessageKind kind) {
        messages.get(kind).record();
    }

    @Override
    public void duplicate() {
        duplicates.record();
    }

    @Override
    public void notOurs() {
        notOurs.record();
    }

    void reread(int calls, int staleMessages) {
        reads.record(calls);
        if (staleMessages > 0) {
            stale.record(staleMessages);
        }
    }

    void scanTriggered() {
        scans.record();
    }
}
