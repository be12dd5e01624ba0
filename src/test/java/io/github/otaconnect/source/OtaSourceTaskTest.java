package io.github.otaconnect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.simulator.Fault;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.simulator.OtaApiSimulator;
import io.github.otaconnect.simulator.SimClock;

/** The task as the framework drives it: start, poll, stop, with offsets from a reader. */
class OtaSourceTaskTest {

    private final OtaApiSimulator simulator =
            OtaApiSimulator.builder().qpsPerAction(0).clock(SimClock.system()).build().start();
    private final OtaSourceTask task = new OtaSourceTask();

    @AfterEach
    void close() {
        task.stop();
        simulator.close();
    }

    private Map<String, String> config(String jobId) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "ota-test");
        props.put("ota.endpoint.url", simulator.endpoint().toString());
        props.put("ota.access.key.id", OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
        props.put("ota.access.key.secret", OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET);
        props.put("ota.job.ids", jobId);
        props.put("ota.task.job.ids", jobId);
        props.put("ota.task.qps.per.action", "50");
        props.put("ota.task.index", "0");
        props.put("ota.qps.per.action", "50");
        props.put("ota.qps.allow.above.vendor.limit", "true");
        props.put("poll.interval.ms", "500");
        return props;
    }

    private void start(Map<String, String> props, Map<Map<String, Object>, Map<String, Object>> offsets) {
        task.initialize(new FixedOffsetsContext(props, offsets));
        task.start(props);
    }

    private List<SourceRecord> pollUntil(int records) throws InterruptedException {
        return pollBatchesUntil(records).stream().flatMap(List::stream).toList();
    }

    /** The poll() batches, as the worker would get them, until they hold {@code records} records. */
    private List<List<SourceRecord>> pollBatchesUntil(int records) throws InterruptedException {
        List<List<SourceRecord>> batches = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                batches.add(batch);
            }
            return batches.stream().mapToInt(List::size).sum() >= records;
        });
        return batches;
    }

    private static boolean scanThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().startsWith("ota-scan-") && thread.isAlive());
    }

    @Test
    void pollReturnsEveryTaskAndAJobSnapshotEachBatchEndingWithItsOffset() throws Exception {
        String jobId = simulator.scenario().addJob(JobSpec.upgrade().taskCount(1_200).changeRate(0).build());
        start(config(jobId), Map.of());

        List<List<SourceRecord>> batches = pollBatchesUntil(1_201);

        List<SourceRecord> records = batches.stream().flatMap(List::stream).toList();
        assertEquals(1_200, records.stream().filter(r -> r.topic().equals("ota.tasks")).count());
        assertEquals(Map.of("job_id", jobId), records.get(0).sourcePartition());
        assertTrue(batches.size() > 1, "more records than one batch holds");
        // The tasks of this job all changed in one second, inside the look-back window: the offset that ends
        // a batch names every task state delivered up to it, so committing it covers the whole batch.
        int delivered = 0;
        for (List<SourceRecord> batch : batches) {
            delivered += (int) batch.stream().filter(r -> r.topic().equals("ota.tasks")).count();
            @SuppressWarnings("unchecked")
            Map<String, ?> offset = (Map<String, ?>) batch.get(batch.size() - 1).sourceOffset();
            assertEquals(delivered, JobOffset.fromMap(offset).recent().length, "offset ending a batch");
        }
    }

    @Test
    void stopEndsTheScanThreadEvenWhileACallHangs() throws Exception {
        String jobId = simulator.scenario().addJob(JobSpec.upgrade().taskCount(50).changeRate(0).build());
        simulator.faults().failNext(5, Fault.slow(Duration.ofMinutes(2)));
        Map<String, String> props = config(jobId);
        props.put("ota.http.request.timeout.ms", "300000");
        start(props, Map.of());
        // A slow fault drawn is a call the simulator is holding: the scan thread is inside it.
        await().until(() -> simulator.faults().pending() < 5);
        assertTrue(scanThreadAlive(), "the scan thread waits for the hanging call");

        assertNull(task.poll(), "poll returns promptly with nothing to give");
        task.stop();

        assertFalse(scanThreadAlive(), "no scan thread is left after stop()");
    }

    @Test
    void aRestartFromTheCommittedOffsetEmitsNothingAgain() throws Exception {
        String jobId = simulator.scenario().addJob(JobSpec.upgrade().taskCount(300).changeRate(0).build());
        start(config(jobId), Map.of());
        List<SourceRecord> first = pollUntil(301);
        SourceRecord last = first.get(first.size() - 1);
        task.stop();

        Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> partition = (Map<String, Object>) last.sourcePartition();
        @SuppressWarnings("unchecked")
        Map<String, Object> offset = (Map<String, Object>) last.sourceOffset();
        committed.put(partition, offset);
        OtaSourceTask restarted = new OtaSourceTask();
        try {
            Map<String, String> props = config(jobId);
            restarted.initialize(new FixedOffsetsContext(props, committed));
            long callsBefore = simulator.counters().snapshot().total();
            restarted.start(props);
            // The restarted task's scan: the job and three pages.
            await().until(() -> simulator.counters().snapshot().total() >= callsBefore + 4);
            List<SourceRecord> again = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                List<SourceRecord> batch = restarted.poll();
                if (batch != null) {
                    again.addAll(batch);
                }
            }
            assertEquals(List.of(), again);
        } finally {
            restarted.stop();
        }
    }

    @Test
    void revokedCredentialsFailThePollWithTheFix() throws Exception {
        String jobId = simulator.scenario().addJob(JobSpec.upgrade().taskCount(10).changeRate(0).build());
        simulator.revokeCredentials(OtaApiSimulator.DEFAULT_ACCESS_KEY_ID);
        start(config(jobId), Map.of());

        ConnectException failure = await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                task.poll();
                return null;
            } catch (ConnectException e) {
                return e;
            }
        }, e -> e != null);

        assertTrue(failure.getMessage().contains("ota.access.key.id"), failure.getMessage());
        assertFalse(failure.getMessage().contains(OtaApiSimulator.DEFAULT_ACCESS_KEY_SECRET));
        assertThrows(ConnectException.class, task::poll, "and it stays failed");
    }
}
