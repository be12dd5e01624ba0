package io.github.otaconnect.source;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.carrotsearch.hppc.LongHashSet;

import io.github.otaconnect.api.OtaTask;
import io.github.otaconnect.source.OtaSourceConnectorConfig.StartMode;

/**
 * One scan in progress: receives every row as it is read, keeps the changes (only those: a row equal
 * to its delivered state is dropped at once, so memory follows changes, not job size), and emits
 * them in {@code UtcModified} order at the end. If more changes pile up than
 * {@link ScanSettings#maxBufferedChanges()} (a first read of a huge job), they are emitted early and the
 * watermark stays where it was until the next complete scan.
 */
final class ScanInProgress implements ScanView, ListingReader.RowSink {

    private static final Logger log = LoggerFactory.getLogger(ScanInProgress.class);

    private final JobState state;
    private final ChunkedRecordEmitter emitter;
    private final Instant scanStart;
    private final ScanSettings settings;
    private final Clock clock;
    private final boolean baseline;
    private final LongHashSet observedKeys = new LongHashSet();
    private final Set<String> statusesSeen = new LinkedHashSet<>();
    private final Map<String, Observation> buffered = new HashMap<>();
    private boolean watermarkFrozen;
    private int changes;
    private int possibleRepeats;

    /** @param scanStart the server time the scan started at, less its resolution: the watermark's limit */
    ScanInProgress(JobState state, ChunkedRecordEmitter emitter, Instant scanStart, ScanSettings settings,
                   Clock clock) {
        this.state = state;
        this.emitter = emitter;
        this.scanStart = scanStart;
        this.settings = settings;
        this.clock = clock;
        this.baseline = !state.baselineTaken() && settings.startMode() == StartMode.CHANGES;
    }

    @Override
    public void accept(Observation observation) throws InterruptedException {
        OtaTask task = observation.task();
        observedKeys.add(TaskIndex.key(task.taskId()));
        statusesSeen.add(task.taskStatus() == null ? "" : task.taskStatus());
        Observation pending = buffered.get(task.taskId());
        if (pending != null) {
            // Read twice in one scan (rows move between pages): the newer observation wins, ties go to the later read.
            if (!isOlder(task, pending.task())) {
                buffered.put(task.taskId(), observation);
            }
            return;
        }
        if (isChange(observation)) {
            buffered.put(task.taskId(), observation);
            if (buffered.size() > settings.maxBufferedChanges()) {
                emitBuffered(false, null);
            }
        }
    }

    /** Whether the observed state is new to the stream; if not, records why it is known. */
    private boolean isChange(Observation observation) {
        OtaTask task = observation.task();
        long fingerprint = observation.fingerprint();
        Long delivered = state.index().delivered(task.taskId());
        if (delivered != null) {
            return delivered != fingerprint;
        }
        if (baseline) {
            state.deliver(task, fingerprint);
            return false;
        }
        if (state.deliveredBeforeRestart(task, fingerprint, settings.lookback())) {
            return false;
        }
        if (state.restoredOffsetPartial()) {
            possibleRepeats++;
        }
        return true;
    }

    void finish(boolean complete, Instant observedAt) throws InterruptedException {
        if (possibleRepeats > 0) {
            log.info("Job {}: {} task states inside the look-back window were emitted although they may have "
                    + "been delivered before the restart (the committed offset held at most {} of that window's "
                    + "states; raise {} to avoid this)", state.jobId(), possibleRepeats,
                    settings.maxRecentStates(), OtaSourceConnectorConfig.OFFSET_RECENT_MAX_ENTRIES);
            possibleRepeats = 0;
        }
        emitBuffered(complete && !watermarkFrozen, observedAt);
        if (complete) {
            state.advanceWatermark(scanStart);
        }
        if (baseline) {
            state.markBaselineTaken();
        }
    }

    /**
     * Emits the buffered changes oldest first. With {@code advance}, the watermark follows: every change
     * still to be emitted in this scan is modified at or after the one just emitted.
     */
    private void emitBuffered(boolean advance, Instant observedAt) throws InterruptedException {
        if (!advance) {
            watermarkFrozen = true;
        }
        List<Observation> ordered = new ArrayList<>(buffered.values());
        buffered.clear();
        ordered.sort(Comparator.comparing((Observation o) -> o.task().utcModified(),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(o -> o.task().taskId()));
        Instant at = observedAt != null ? observedAt : clock.instant();
        for (Observation change : ordered) {
            OtaTask task = change.task();
            state.deliver(task, change.fingerprint());
            if (advance) {
                Instant modified = task.utcModified();
                state.advanceWatermark(modified != null && modified.isBefore(scanStart) ? modified : scanStart);
            }
            emitter.task(task, change.requestId(), at);
            changes++;
        }
        if (!advance) {
            // What is marked delivered must be handed over before the next call can fail the scan:
            // otherwise a partial chunk would stay behind, delivered in the index but never in Kafka.
            emitter.flush();
        }
    }

    int changes() {
        return changes;
    }

    @Override
    public boolean observed(long taskKey) {
        return observedKeys.contains(taskKey);
    }

    @Override
    public long currentCount(String status) {
        long count = state.index().countsByStatus().getOrDefault(status, 0L);
        for (Observation pending : buffered.values()) {
            if (status.equals(state.index().status(pending.task().taskId()))) {
                count--;
            }
            if (status.equals(pending.task().taskStatus())) {
                count++;
            }
        }
        return count;
    }

    @Override
    public long knownTasks() {
        long known = state.trackedTasks();
        for (String taskId : buffered.keySet()) {
            if (state.index().delivered(taskId) == null) {
                known++;
            }
        }
        return known;
    }

    @Override
    public Set<String> knownStatuses() {
        Set<String> statuses = new LinkedHashSet<>(state.index().countsByStatus().keySet());
        statuses.addAll(statusesSeen);
        statuses.remove("");
        return statuses;
    }

    private static boolean isOlder(OtaTask candidate, OtaTask current) {
        return candidate.utcModified() != null && current.utcModified() != null
                && candidate.utcModified().isBefore(current.utcModified());
    }
}
