package io.github.otaconnect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.FatalApiException;
import io.github.otaconnect.api.FatalApiException.Reason;
import io.github.otaconnect.api.FirmwarePage;
import io.github.otaconnect.api.JobResult;
import io.github.otaconnect.api.JobSummaryPage;
import io.github.otaconnect.api.NotFoundException;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.OtaApiException;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;
import io.github.otaconnect.simulator.ManualClock;
import io.github.otaconnect.source.OtaSourceConnectorConfig.StartMode;

/** What the scan loop does with a job whose scan failed, by the verdict of {@link ApiErrorPolicy}. */
class ScanLoopTest {

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();

    /** Runs the loop until the job's first scan failed, then stops it. */
    private ScanLoop failOnce(JobState job, OtaApiException error) {
        AtomicInteger failures = new AtomicInteger();
        ScanLoop.ScanListener listener = new ScanLoop.ScanListener() {
            @Override
            public void failed(JobState failed, OtaApiException e) {
                failures.incrementAndGet();
            }
        };
        ScanSettings settings = new ScanSettings(100, POLL_INTERVAL, Duration.ofMinutes(5), Duration.ofSeconds(60),
                StartMode.SNAPSHOT, OtaSourceConnectorConfig.FinishedJobPolicy.STOP, 100, 50, 1000);
        JobScanner scanner = new JobScanner(new FailingApi(error), new RecordFactory("ota.jobs", "ota.tasks"), settings,
                clock.asClock());
        ScanLoop loop = new ScanLoop(List.of(job), scanner, new ArrayBlockingQueue<List<SourceRecord>>(4),
                clock.asClock(), POLL_INTERVAL, listener);
        BackgroundThread thread = BackgroundThread.start("scan-loop-test", loop);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> failures.get() == 1);
        } finally {
            loop.stop();
            thread.stop(Duration.ofSeconds(5));
        }
        assertEquals(1, failures.get(), "scanned once: the manual clock does not reach the next scan");
        return loop;
    }

    @Test
    void aRefusedRequestBacksTheJobOffLikeATransientErrorWithAWarning() {
        JobState job = ScanFixture.freshState("job-refused");
        Instant started = clock.now();
        try (WarnLines warnings = WarnLines.capture()) {
            ScanLoop loop = failOnce(job, new FatalApiException(Reason.REQUEST, "ListOTATaskByJob",
                    "iot.common.InvalidFormattedParameter", "REQ-42", 200, "the vendor refused the request"));

            assertNull(loop.fatalError(), "one refused request never fails the task");
            assertEquals(started.plus(POLL_INTERVAL), job.nextScanAt(), "the first backoff, not a 10-minute park");
            List<WarnLines.Line> lines = warnings.of("ScanLoop", "job-refused", "refused one request",
                    "iot.common.InvalidFormattedParameter", "REQ-42");
            assertEquals(1, lines.size(), warnings.all().toString());
            assertEquals(Level.WARN, lines.get(0).level());
            assertEquals(List.of(), warnings.of("ScanLoop", "deleted"), "nothing suggests the job is gone");
        }
    }

    @Test
    void aGatewayRefusalOfOneRequestDoesNotFailTheTaskEither() {
        JobState job = ScanFixture.freshState("job-400");
        ScanLoop loop = failOnce(job, new FatalApiException(Reason.REQUEST, "QueryOTAJob", "InvalidParameter", "REQ-7",
                400, "refused"));
        assertNull(loop.fatalError());
        assertEquals(clock.now().plus(POLL_INTERVAL), job.nextScanAt());
    }

    @Test
    void aJobThatDoesNotExistIsParkedWithAnError() {
        JobState job = ScanFixture.freshState("job-gone");
        try (WarnLines warnings = WarnLines.capture()) {
            ScanLoop loop = failOnce(job, new NotFoundException("QueryOTAJob", "iot.ota.OTAJobNotExist", "REQ-1", 200,
                    "the job does not exist"));

            assertNull(loop.fatalError());
            assertEquals(clock.now().plus(ScanLoop.JOB_PROBLEM_RECHECK), job.nextScanAt());
            assertEquals(1, warnings.of("ScanLoop", "job-gone", "cannot be read", "if it was deleted").size());
        }
    }

    @Test
    void aConfigurationProblemFailsTheTask() {
        JobState job = ScanFixture.freshState("job-any");
        ScanLoop loop = failOnce(job, new FatalApiException(Reason.PERMISSION, "QueryOTAJob",
                "iot.common.RamActionPermissionDeny", "REQ-2", 200, "not allowed"));
        assertNotNull(loop.fatalError());
        assertTrue(loop.fatalError().getMessage().contains("iot.common.RamActionPermissionDeny"));
    }

    /** Fails every call with one error. */
    private record FailingApi(OtaApiException error) implements OtaApi {
        @Override
        public JobResult queryJob(String jobId) {
            throw error;
        }

        @Override
        public TaskPage listTasks(TaskQuery query) {
            throw error;
        }

        @Override
        public FirmwarePage listFirmware(String productKey, int currentPage, int pageSize) {
            throw error;
        }

        @Override
        public JobSummaryPage listJobsByFirmware(String firmwareId, int currentPage, int pageSize) {
            throw error;
        }

        @Override
        public void close() {
        }
    }
}
