package io.github.otaconnect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a connector's topics from the beginning with a plain Kafka consumer and keeps every record's
 * payload (the JSON converter's envelope removed), in topic order. Keeps its position, so repeated
 * {@link #catchUp()} calls only fetch what is new.
 */
final class TopicRecords implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, List<Entry>> byTopic = new HashMap<>();

    /** One record: key and value payloads. */
    record Entry(JsonNode key, JsonNode value, long timestamp) {
        String text(String field) {
            JsonNode node = value.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    TopicRecords(String bootstrapServers, boolean readCommitted, String... topics) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (String topic : topics) {
            byTopic.put(topic, new ArrayList<>());
        }
    }

    /**
     * Partitions are assigned, not subscribed: topics appear while the test runs, and a group rebalance
     * without committed offsets would start over from the beginning and read every record twice.
     */
    private void assignNewPartitions() {
        Set<TopicPartition> partitions = new HashSet<>(consumer.assignment());
        for (String topic : byTopic.keySet()) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(5))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        if (!partitions.equals(consumer.assignment())) {
            Set<TopicPartition> added = new HashSet<>(partitions);
            added.removeAll(consumer.assignment());
            consumer.assign(partitions);
            consumer.seekToBeginning(added);
        }
    }

    /** Fetches what arrived since the last call. */
    TopicRecords catchUp() {
        assignNewPartitions();
        if (consumer.assignment().isEmpty()) {
            return this;
        }
        for (int emptyPolls = 0; emptyPolls < 2; ) {
            var records = consumer.poll(Duration.ofMillis(400));
            if (records.isEmpty()) {
                emptyPolls++;
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                byTopic.get(record.topic()).add(new Entry(payload(record.key()), payload(record.value()),
                        record.timestamp()));
            }
        }
        return this;
    }

    List<Entry> all(String topic) {
        return List.copyOf(byTopic.get(topic));
    }

    /** The latest record per key, as the compacted topic will eventually hold it. */
    Map<String, Entry> latestByKey(String topic) {
        Map<String, Entry> latest = new LinkedHashMap<>();
        for (Entry entry : byTopic.get(topic)) {
            latest.put(entry.key().toString(), entry);
        }
        return latest;
    }

    /**
     * Every key and value of a topic, from the beginning to its current end, as text (including records of
     * aborted transactions): for checks that something never appears in a topic, whatever its format.
     */
    static List<String> rawText(String bootstrapServers, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<String> texts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> raw = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : raw.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            raw.assign(partitions);
            raw.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = raw.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> raw.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : raw.poll(Duration.ofMillis(500))) {
                    texts.add(text(record.key()) + " " + text(record.value()));
                }
            }
        }
        return texts;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonNode payload(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node.has("payload") ? node.get("payload") : node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
