package io.github.otaconnect.source;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;

import io.github.otaconnect.push.PushDelivery;

/**
 * Acknowledges pushed messages once the records of the read they triggered are delivered: the worker calls
 * {@link OtaSourceTask#commitRecord} for each record the producer acknowledged (after the transaction
 * commits, under exactly-once), and the messages go once every record of their read has been through. A read
 * that found nothing new acknowledges its messages when it ends. A task that stops first leaves them
 * unacknowledged, and the broker redelivers them.
 */
final class DeliveryAcks {

    private final Map<SourceRecord, Read> byRecord = new IdentityHashMap<>();

    /**
     * Starts tracking a read that answers {@code deliveries}: pass its chunks through the returned read's
     * {@link Read#sink}, then {@link Read#end} it.
     */
    Read open(List<PushDelivery> deliveries, JobScanner.RecordSink sink) {
        return new Read(List.copyOf(deliveries), sink);
    }

    /** One record reached Kafka (or was dropped by a transformation, which also ends its delivery). */
    void delivered(SourceRecord record) {
        Read read;
        synchronized (byRecord) {
            read = byRecord.remove(record);
        }
        if (read != null) {
            read.oneDelivered();
        }
    }

    /** One read's records on their way to Kafka, and the messages to acknowledge when all have arrived. */
    final class Read {
        private final List<PushDelivery> deliveries;
        private final JobScanner.RecordSink next;
        private int undelivered;
        private boolean ended;

        private Read(List<PushDelivery> deliveries, JobScanner.RecordSink next) {
            this.deliveries = deliveries;
            this.next = next;
        }

        /** Registers each chunk before handing it over: the worker may report it delivered at once. */
        JobScanner.RecordSink sink() {
            if (deliveries.isEmpty()) {
                return next;
            }
            return chunk -> {
                synchronized (this) {
                    undelivered += chunk.size();
                }
                synchronized (byRecord) {
                    chunk.forEach(record -> byRecord.put(record, this));
                }
                next.accept(chunk);
            };
        }

        /** The read handed over its last chunk. */
        void end() {
            boolean done;
            synchronized (this) {
                ended = true;
                done = undelivered == 0;
            }
            if (done) {
                deliveries.forEach(PushDelivery::acknowledge);
            }
        }

        /** The read failed: its messages stay unacknowledged, and its records no longer count for them. */
        void abandon() {
            synchronized (byRecord) {
                byRecord.values().removeIf(read -> read == this);
            }
        }

        private void oneDelivered() {
            boolean done;
            synchronized (this) {
                done = --undelivered == 0 && ended;
            }
            if (done) {
                deliveries.forEach(PushDelivery::acknowledge);
            }
        }
    }
}
