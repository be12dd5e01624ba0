package io.github.otaconnect.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;

import io.github.otaconnect.api.OtaTask;

/**
 * Builds the records of one scan and hands them over in chunks. Only the last record of a chunk gets a
 * freshly built offset (the others reuse the previous one, which stays true later in the stream): a
 * fresh offset costs a copy of the recent fingerprints, and the framework only ever commits the offset
 * of a chunk's last record when the chunk is one poll() batch.
 */
final class ChunkedRecordEmitter {

    private final JobState state;
    private final RecordFactory records;
    private final ScanSettings settings;
    private final JobScanner.RecordSink sink;
    private final List<SourceRecord> chunk = new ArrayList<>();
    private final List<PendingTask> pending = new ArrayList<>();
    private Map<String, Object> currentOffset;
    private int emitted;

    ChunkedRecordEmitter(JobState state, RecordFactory records, ScanSettings settings, JobScanner.RecordSink sink) {
        this.state = state;
        this.records = records;
        this.settings = settings;
        this.sink = sink;
        this.currentOffset = freshOffset();
    }

    void task(OtaTask task, String requestId, Instant observedAt) throws InterruptedException {
        pending.add(new PendingTask(task, requestId, observedAt));
        if (pending.size() >= settings.chunkSize()) {
            drainPending(true);
            handOver();
        }
    }

    void snapshot(JobSnapshot snapshot) throws InterruptedException {
        long fingerprint = snapshot.fingerprint();
        Long previous = state.jobFingerprint();
        if (previous != null && previous == fingerprint) {
            return;
        }
        drainPending(false);
        state.jobDelivered(fingerprint, snapshot.finished());
        currentOffset = freshOffset();
        chunk.add(records.jobSnapshot(state.partition(), currentOffset, snapshot));
        emitted++;
    }

    void flush() throws InterruptedException {
        drainPending(true);
        handOver();
    }

    int emitted() {
        return emitted;
    }

    /** The offset of everything delivered so far, as the framework stores it. */
    private Map<String, Object> freshOffset() {
        return state.offset(settings.lookback(), settings.maxRecentStates()).toMap();
    }

    private void drainPending(boolean freshOffsetOnLast) {
        for (int i = 0; i < pending.size(); i++) {
            if (freshOffsetOnLast && i == pending.size() - 1) {
                currentOffset = freshOffset();
            }
            PendingTask p = pending.get(i);
            chunk.add(records.task(state.partition(), currentOffset, p.task(), p.requestId(), p.observedAt()));
            emitted++;
        }
        pending.clear();
    }

    private void handOver() throws InterruptedException {
        if (!chunk.isEmpty()) {
            sink.accept(List.copyOf(chunk));
            chunk.clear();
        }
    }

    private record PendingTask(OtaTask task, String requestId, Instant observedAt) {
    }
}
