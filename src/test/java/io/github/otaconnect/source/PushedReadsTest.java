package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.push.PushInbox;
import io.github.otaconnect.simulator.JobSpec;
import io.github.otaconnect.source.OtaSourceConnectorConfig.StartMode;

/** How polling follows the push connection: its interval, and the scans a connection change makes due. */
class PushedReadsTest {

    private static final Duration POLL = Duration.ofSeconds(10);
    private static final Duration PUSH_POLL = Duration.ofSeconds(300);

    private final ScanFixture scan = new ScanFixture();
    private final AtomicBoolean connected = new AtomicBoolean();
    private final List<SourceRecord> delivered = new ArrayList<>();
    private final Metrics metrics = new Metrics();

    @AfterEach
    void close() {
        metrics.close();
        scan.close();
    }

    private PushedReads pushedReads(JobState job) {
        return new PushedReads(List.of(job), new PushInbox(), connected::get, scan.scanner(StartMode.SNAPSHOT),
                new DeliveryAcks(), new PushMetrics(metrics), scan.clock.asClock(),
                new PushPacing(Duration.ofMillis(200), POLL, PUSH_POLL, 1.0));
    }

    private JobState readJob() throws InterruptedException {
        String jobId = scan.scenario().addJob(JobSpec.upgrade().taskCount(120).changeRate(0).seed(7).build());
        JobState job = ScanFixture.freshState(jobId);
        scan.scan(job);
        return job;
    }

    @Test
    void theFirstConnectionLetsAReadJobWaitThePushIntervalFromItsLastScan() throws InterruptedException {
        Instant scanned = scan.clock.now();
        JobState job = readJob();
        PushedReads pushed = pushedReads(job);
        assertEquals(scanned.plus(POLL), job.nextScanAt());

        connected.set(true);
        pushed.run(delivered::addAll);

        assertEquals(scanned.plus(PUSH_POLL), job.nextScanAt());
        assertEquals(PUSH_POLL, pushed.pollInterval());
    }

    @Test
    void aJobNotFullyReadKeepsItsScheduleAtTheFirstConnection() throws InterruptedException {
        JobState job = ScanFixture.freshState("job-never-read");
        job.scheduleNextScan(scan.clock.now().plus(POLL));
        PushedReads pushed = pushedReads(job);

        connected.set(true);
        pushed.run(delivered::addAll);

        assertEquals(scan.clock.now().plus(POLL), job.nextScanAt());
    }

    @Test
    void losingTheConnectionBringsTheNormalIntervalBackAndRegainingItScansAtOnce() throws InterruptedException {
        JobState job = readJob();
        PushedReads pushed = pushedReads(job);
        connected.set(true);
        pushed.run(delivered::addAll);

        scan.clock.advance(Duration.ofSeconds(30));
        connected.set(false);
        pushed.run(delivered::addAll);
        assertEquals(scan.clock.now().plus(POLL), job.nextScanAt());
        assertEquals(POLL, pushed.pollInterval());

        scan.clock.advance(Duration.ofSeconds(3));
        connected.set(true);
        pushed.run(delivered::addAll);
        assertEquals(scan.clock.now(), job.nextScanAt());
    }
}
