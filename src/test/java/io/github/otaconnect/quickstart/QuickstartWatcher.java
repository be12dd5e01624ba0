package io.github.otaconnect.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Shows what the connector does, every few seconds: the connector's and its tasks' states from the Connect
 * REST API, and — read back from the two topics from their beginning — each job's progress, the record
 * counts, how fast changes arrive (push on or off) and the latest records. Every frame has a line
 * {@code records: jobs=N tasks=M} (records read so far from each topic) and a line starting {@code push: }
 * that scripts and tests can rely on.
 */
final class QuickstartWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final Duration TOPIC_CHECK = Duration.ofMillis(500);
    private static final int SAMPLES_PER_TOPIC = 2;
    private static final int LAG_WINDOW = 200;
    private static final List<String> JOB_SAMPLE_FIELDS = List.of("job_id", "job_status", "task_total", "finished",
            "utc_modified");
    private static final List<String> TASK_SAMPLE_FIELDS = List.of("job_id", "device_name", "task_status",
            "progress", "utc_modified");

    /**
     * Where to watch and what to show around the table.
     *
     * @param pushStatus the frame's {@code push: ...} line, asked anew for each frame
     */
    record Target(ConnectRest connect, String connector, String bootstrapServers, String jobTopic, String taskTopic,
                  Map<String, String> jobLabels, List<String> header, Supplier<String> pushStatus) {
    }

    private final Target target;
    private final PrintStream out;
    private final boolean redraw;
    private final long startedAtMillis;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RolloutBoard board;
    private final DeliveryLag lag;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Deque<String> jobSamples = new ArrayDeque<>();
    private final Deque<String> taskSamples = new ArrayDeque<>();
    private volatile boolean stopping;
    private long lastTopicCheck;
    private long firstRecordAt = -1;
    private long recordsAtLastFrame;

    /**
     * @param redraw          clear the terminal before each frame (when stdout is a terminal)
     * @param startedAtMillis when the quickstart started, for "first record after ..."
     */
    QuickstartWatcher(Target target, PrintStream out, boolean redraw, long startedAtMillis) {
        this.target = target;
        this.out = out;
        this.redraw = redraw;
        this.startedAtMillis = startedAtMillis;
        this.board = new RolloutBoard(target.jobLabels());
        // the connector was deployed just now: changes from before are history, not delivery
        this.lag = new DeliveryLag(LAG_WINDOW, System.currentTimeMillis());
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ota-quickstart-watcher");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Asking for a topic's partitions must not create it: the connector creates its topics compacted
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads and redraws until {@code duration} has passed (empty: until {@link #wakeup()}). */
    void run(Optional<Duration> duration, Duration refresh) {
        long start = System.currentTimeMillis();
        long end = duration.map(d -> start + d.toMillis()).orElse(Long.MAX_VALUE);
        long nextFrame = start;
        try {
            while (!stopping) {
                long now = System.currentTimeMillis();
                if (now >= nextFrame) {
                    printFrame(now, end);
                    nextFrame = now + refresh.toMillis();
                }
                if (now >= end) {
                    return;
                }
                assignNewPartitions(now);
                long wait = Math.max(1, Math.min(Math.min(nextFrame, end) - now, 250));
                if (assigned.isEmpty()) {
                    sleep(wait);
                } else {
                    accept(consumer.poll(Duration.ofMillis(wait)));
                }
            }
        } catch (WakeupException e) {
            // stopping
        }
    }

    /** Makes {@link #run} return soon; safe from another thread (a shutdown hook). */
    void wakeup() {
        stopping = true;
        consumer.wakeup();
    }

    long jobRecords() {
        return board.jobRecords();
    }

    long taskRecords() {
        return board.taskRecords();
    }

    DeliveryLag lag() {
        return lag;
    }

    /** Milliseconds from the quickstart's start to the first record read; -1 while none arrived. */
    long millisToFirstRecord() {
        return firstRecordAt < 0 ? -1 : firstRecordAt - startedAtMillis;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    private void assignNewPartitions(long now) {
        if (now - lastTopicCheck < TOPIC_CHECK.toMillis()) {
            return;
        }
        lastTopicCheck = now;
        List<TopicPartition> fresh = new ArrayList<>();
        for (String topic : List.of(target.jobTopic(), target.taskTopic())) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (RetriableException e) {
                return; // the broker is busy or still starting: try again soon
            }
            for (PartitionInfo partition : partitions == null ? List.<PartitionInfo>of() : partitions) {
                TopicPartition topicPartition = new TopicPartition(topic, partition.partition());
                if (!assigned.contains(topicPartition)) {
                    fresh.add(topicPartition);
                }
            }
        }
        if (!fresh.isEmpty()) {
            assigned.addAll(fresh);
            consumer.assign(assigned);
            consumer.seekToBeginning(fresh);
        }
        // once both topics are there, look for added partitions only now and then
        boolean bothTopics = assigned.stream().map(TopicPartition::topic).distinct().count() == 2;
        if (bothTopics) {
            lastTopicCheck = now + Duration.ofSeconds(30).toMillis();
        }
    }

    private void accept(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            JsonNode value;
            try {
                value = JSON.readTree(record.value());
            } catch (IOException e) {
                continue; // not JSON: another converter; the counts stay honest about what was understood
            }
            if (firstRecordAt < 0) {
                firstRecordAt = System.currentTimeMillis();
            }
            boolean isJob = record.topic().equals(target.jobTopic());
            if (isJob) {
                board.acceptJob(value);
            } else {
                board.acceptTask(value);
                JsonNode modified = RolloutBoard.payload(value).path("utc_modified");
                if (modified.isNumber()) {
                    lag.accept(System.currentTimeMillis(), modified.asLong());
                }
            }
            Deque<String> samples = isJob ? jobSamples : taskSamples;
            samples.addLast(String.format(Locale.ROOT, "%s p%d@%d %s", record.topic(), record.partition(),
                    record.offset(),
                    sample(RolloutBoard.payload(value), isJob ? JOB_SAMPLE_FIELDS : TASK_SAMPLE_FIELDS)));
            while (samples.size() > SAMPLES_PER_TOPIC) {
                samples.removeFirst();
            }
        }
    }

    /** The fields that tell the story, with epoch-millisecond timestamps as instants. */
    private static String sample(JsonNode value, List<String> fields) {
        ObjectNode sample = JSON.createObjectNode();
        for (String field : fields) {
            JsonNode node = value.path(field);
            if (node.isMissingNode()) {
                continue;
            }
            if (field.startsWith("utc_") && node.isNumber()) {
                sample.put(field, Instant.ofEpochMilli(node.asLong()).toString());
            } else {
                sample.set(field, node);
            }
        }
        return sample.toString();
    }

    private void printFrame(long now, long end) {
        StringBuilder frame = new StringBuilder();
        if (redraw) {
            frame.append("\033[H\033[2J");
        }
        long running = (now - startedAtMillis) / 1000;
        String clock = LocalTime.ofInstant(Instant.ofEpochMilli(now), ZoneId.systemDefault()).format(CLOCK);
        String stop = end == Long.MAX_VALUE ? "Ctrl-C stops" : "stops in " + Math.max(0, (end - now + 999) / 1000)
                + " s, Ctrl-C sooner";
        frame.append(String.format(Locale.ROOT, "== OTA connector quickstart  %s  up %d s  (%s) ==%n", clock, running,
                stop));
        target.header().forEach(line -> frame.append(line).append(System.lineSeparator()));
        frame.append(connectorLine()).append(System.lineSeparator());
        long records = board.jobRecords() + board.taskRecords();
        frame.append(String.format(Locale.ROOT, "records: jobs=%d tasks=%d  (+%d since the last frame%s)%n",
                board.jobRecords(), board.taskRecords(), records - recordsAtLastFrame,
                firstRecordAt < 0 ? "" : String.format(Locale.ROOT, "; first record %.1f s after start",
                        millisToFirstRecord() / 1000.0)));
        recordsAtLastFrame = records;
        frame.append(target.pushStatus().get()).append(System.lineSeparator());
        frame.append(lag.describe()).append(System.lineSeparator());
        board.table().forEach(line -> frame.append("  ").append(line).append(System.lineSeparator()));
        frame.append("  (latest status of each device task in ").append(target.taskTopic())
                .append("; OTHER = a status the connector does not know; DONE = succeeded or canceled;")
                .append(System.lineSeparator())
                .append("   reading = first read under way: a job's snapshot follows its tasks, since it counts them;")
                .append(" * = finished, the connector stops reading it)")
                .append(System.lineSeparator());
        frame.append("latest records:").append(System.lineSeparator());
        if (jobSamples.isEmpty() && taskSamples.isEmpty()) {
            frame.append("  (none yet)").append(System.lineSeparator());
        }
        jobSamples.forEach(sample -> frame.append("  ").append(sample).append(System.lineSeparator()));
        taskSamples.forEach(sample -> frame.append("  ").append(sample).append(System.lineSeparator()));
        out.print(frame);
        out.flush();
    }

    private String connectorLine() {
        Optional<JsonNode> status;
        try {
            status = target.connect().connectorStatus(target.connector());
        } catch (RuntimeException e) {
            return "connector " + target.connector() + ": " + e.getMessage();
        }
        if (status.isEmpty()) {
            return "connector " + target.connector() + ": not deployed";
        }
        JsonNode connector = status.get().path("connector");
        StringBuilder line = new StringBuilder("connector " + target.connector() + ": "
                + connector.path("state").asText("?") + " on " + connector.path("worker_id").asText("?"));
        List<String> tasks = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (JsonNode task : status.get().path("tasks")) {
            String state = task.path("state").asText("?");
            tasks.add("task " + task.path("id").asText() + " " + state);
            if (task.hasNonNull("trace")) {
                failures.add("task " + task.path("id").asText() + ": " + firstLine(task.path("trace").asText()));
            }
        }
        line.append(tasks.isEmpty() ? "; no tasks yet" : "; " + String.join(", ", tasks));
        if (connector.hasNonNull("trace")) {
            failures.add(0, "connector: " + firstLine(connector.path("trace").asText()));
        }
        failures.forEach(failure -> line.append(System.lineSeparator()).append("  FAILED ").append(failure));
        return line.toString();
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }
}
