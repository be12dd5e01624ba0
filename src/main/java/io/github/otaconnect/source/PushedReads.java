package io.github.otaconnect.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.OtaApiException;
import io.github.otaconnect.api.VendorLimits;
import io.github.otaconnect.push.PushDelivery;
import io.github.otaconnect.push.PushInbox;

/**
 * Turns pushed messages into reads, on the scan thread, so that a pushed change reaches Kafka without waiting
 * for the next poll while what is written still comes from the API:
 * <ul>
 *   <li>device messages wait {@code linger} for others of the same job, then the job's changed devices are
 *       re-read by name, 50 a call ({@link JobScanner#rereadDevices});</li>
 *   <li>a job status message, a job not fully read yet, or more devices than a scan costs to read make the
 *       job's scan due now instead; the scan answers every message that arrived before it started;</li>
 *   <li>re-reads of a job spend at most what polling saves while push is connected ({@link PushReadBudget});</li>
 *   <li>a message is acknowledged once the records its read produced are delivered ({@link DeliveryAcks}).</li>
 * </ul>
 * It also moves polling between the two intervals: the push interval while connected; the normal one while
 * not, and a catch-up scan of every job when the connection comes back after a loss (changes of the outage
 * may have been pushed to nobody).
 */
final class PushedReads {

    private static final Logger log = LoggerFactory.getLogger(PushedReads.class);

    private final PushInbox inbox;
    private final BooleanSupplier connected;
    private final JobScanner scanner;
    private final Map<String, JobState> jobs = new LinkedHashMap<>();
    private final Map<String, PushedChanges> pending = new HashMap<>();
    private final Map<String, PushReadBudget> budgets = new HashMap<>();
    private final DeliveryAcks acks;
    private final PushMetrics metrics;
    private final Clock clock;
    private final PushPacing pacing;
    private boolean wasConnected;
    /**
     * The first connection needs no catch-up scan: until a client first connects, the vendor keeps the group's
     * messages in its backlog and pushes them then.
     */
    private boolean everConnected;

    PushedReads(List<JobState> jobs, PushInbox inbox, BooleanSupplier connected, JobScanner scanner,
                DeliveryAcks acks, PushMetrics metrics, Clock clock, PushPacing pacing) {
        jobs.forEach(job -> this.jobs.put(job.jobId(), job));
        this.inbox = inbox;
        this.connected = connected;
        this.scanner = scanner;
        this.acks = acks;
        this.metrics = metrics;
        this.clock = clock;
        this.pacing = pacing;
    }

    /** The interval between scans now: longer while push is connected. */
    Duration pollInterval() {
        return wasConnected ? pacing.pushPollInterval() : pacing.pollInterval();
    }

    /**
     * Takes what arrived, follows the connection's state, and runs the device re-reads that are due.
     *
     * @return when the earliest waiting re-read falls due, or null if none waits
     */
    Instant run(JobScanner.RecordSink sink) throws InterruptedException {
        followConnection();
        for (PushDelivery delivery : inbox.takeAll()) {
            file(delivery);
        }
        Instant nextDue = null;
        for (Map.Entry<String, PushedChanges> entry : pending.entrySet()) {
            Instant due = readIfDue(jobs.get(entry.getKey()), entry.getValue(), sink);
            if (due != null && (nextDue == null || due.isBefore(nextDue))) {
                nextDue = due;
            }
        }
        pending.values().removeIf(PushedChanges::isEmpty);
        return nextDue;
    }

    /** The messages a scan of this job, about to start, answers: acknowledged once its records are delivered. */
    ScanAnswer answerWithScan(JobState job, JobScanner.RecordSink sink) {
        PushedChanges changes = pending.remove(job.jobId());
        List<PushDelivery> deliveries = changes == null ? List.of() : changes.takeAll();
        return new ScanAnswer(job, deliveries, acks.open(deliveries, sink));
    }

    /** A scan about to start and the messages it answers. */
    final class ScanAnswer {
        private final JobState job;
        private final List<PushDelivery> deliveries;
        private final DeliveryAcks.Read read;

        private ScanAnswer(JobState job, List<PushDelivery> deliveries, DeliveryAcks.Read read) {
            this.job = job;
            this.deliveries = deliveries;
            this.read = read;
        }

        JobScanner.RecordSink sink() {
            return read.sink();
        }

        /**
         * The scan ended. One that missed tasks (rows moved between pages) leaves them to the next scan, which
         * is the long push interval away: its device messages wait for a re-read by name instead. Its job
         * status messages are answered (the scan read the job) and acknowledged now; the snapshot is emitted
         * again by any later scan should this one's be lost.
         */
        void succeeded(boolean complete) {
            List<PushDelivery> devices = deliveries.stream().filter(delivery -> !delivery.isJobStatus()).toList();
            if (complete || devices.isEmpty()) {
                read.end();
                return;
            }
            read.abandon();
            deliveries.stream().filter(PushDelivery::isJobStatus).forEach(PushDelivery::acknowledge);
            devices.forEach(delivery -> changesOf(job).add(delivery));
        }

        /** The scan failed: its messages wait for the next one. */
        void failed() {
            read.abandon();
            deliveries.forEach(delivery -> changesOf(job).add(delivery));
        }
    }

    private void followConnection() {
        boolean now = connected.getAsBoolean();
        if (now == wasConnected) {
            return;
        }
        wasConnected = now;
        boolean reconnected = now && everConnected;
        everConnected |= now;
        Instant at = clock.instant();
        for (JobState job : jobs.values()) {
            if (reconnected) {
                // What changed while the connection was down may have been pushed to nobody.
                job.scheduleNextScan(earlier(job.nextScanAt(), at));
            } else if (now) {
                postponeRegularScan(job, at);
            } else {
                job.scheduleNextScan(earlier(job.nextScanAt(), at.plus(pacing.pollInterval())));
            }
        }
    }

    /**
     * At the first connection, a fully read, healthy job's next scan was set at the normal interval by a scan
     * that ran before push was up. It may wait the push interval instead: the vendor kept the group's messages
     * until this connection, so none was lost. Jobs not fully read (planned ones among them) or failing keep
     * their schedule.
     */
    private void postponeRegularScan(JobState job, Instant at) {
        if (job.indexComplete() && !job.failing() && job.nextScanAt().isAfter(at)) {
            job.scheduleNextScan(job.nextScanAt().plus(pacing.pushPollInterval().minus(pacing.pollInterval())));
        }
    }

    private void file(PushDelivery delivery) {
        if (delivery.jobId() != null) {
            JobState job = jobs.get(delivery.jobId());
            if (job == null || job.finished()) {
                delivery.acknowledge();
            } else {
                changesOf(job).add(delivery);
            }
            return;
        }
        // A device message that does not name its job: the device may be in any job this task follows.
        boolean filed = false;
        for (JobState job : jobs.values()) {
            if (!job.finished()) {
                changesOf(job).add(delivery);
                filed = true;
            }
        }
        if (!filed) {
            delivery.acknowledge();
        }
    }

    private PushedChanges changesOf(JobState job) {
        return pending.computeIfAbsent(job.jobId(), id -> new PushedChanges());
    }

    private Instant readIfDue(JobState job, PushedChanges changes, JobScanner.RecordSink sink)
            throws InterruptedException {
        if (job.finished()) {
            changes.takeAll().forEach(PushDelivery::acknowledge);
            return null;
        }
        Instant now = clock.instant();
        if (changes.jobStatusPending() || !job.indexComplete() || job.failing()) {
            scanSoon(job, now);
            return null;
        }
        long waitedNanos = System.nanoTime() - changes.firstArrivalNanos();
        long lingerNanos = pacing.linger().toNanos();
        if (waitedNanos < lingerNanos) {
            return now.plusNanos(lingerNanos - waitedNanos);
        }
        long scanCost = scanner.estimatedScanCalls(job);
        int calls = (changes.devices() + VendorLimits.DEVICE_NAMES_PER_CALL - 1) / VendorLimits.DEVICE_NAMES_PER_CALL;
        if (calls >= scanCost) {
            scanSoon(job, now);
            return null;
        }
        PushReadBudget budget = budgets.computeIfAbsent(job.jobId(), id -> pacing.newBudget());
        long nowNanos = System.nanoTime();
        if (!budget.tryTake(calls, scanCost, nowNanos)) {
            return now.plus(budget.untilAvailable(calls, scanCost, nowNanos));
        }
        PushedChanges.DeviceBatch batch = changes.takeDevices(changes.devices());
        DeliveryAcks.Read read = acks.open(batch.deliveries(), sink);
        try {
            ScanOutcome outcome = scanner.rereadDevices(job, batch.deviceNames(), read.sink());
            metrics.reread(outcome.calls(), Math.max(0, batch.deviceNames().size() - outcome.changes()));
            if (!outcome.complete()) {
                scanSoon(job, now);
            }
            read.end();
        } catch (OtaApiException e) {
            read.abandon();
            // The job's scan, due now, meets the same error and handles it as any scan failure.
            log.debug("Job {}: the pushed re-read of {} devices failed ({}); scanning the job instead", job.jobId(),
                    batch.deviceNames().size(), e.getMessage());
            batch.deliveries().forEach(changes::add);
            scanSoon(job, now);
        }
        return null;
    }

    private void scanSoon(JobState job, Instant now) {
        if (job.nextScanAt().isAfter(now) && !job.failing()) {
            job.scheduleNextScan(now);
            metrics.scanTriggered();
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
