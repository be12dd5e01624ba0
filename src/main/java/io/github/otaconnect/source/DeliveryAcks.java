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
 * that found nothing new acknowledges its messages at once. A task that stops first leaves them
 * unacknowledged, and the broker redelivers them.
 */
final class DeliveryAcks {

    private final Map<SourceRecord, Pending> byRecord = new IdentityHashMap<>();

    /** Acknowledges {@code deliveries} once all of {@code records} are delivered (at once if there are none). */
    void acknowledgeAfter(List<SourceRecord> records, List<PushDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        if (records.isEmpty()) {
            deliveries.forEach(PushDelivery::acknowledge);
            return;
        }
        Pending pending = new Pending(records.size(), deliveries);
        synchronized (byRecord) {
            for (SourceRecord record : records) {
                byRecord.put(record, pending);
            }
        }
    }

    /** One record reached Kafka (or was dropped by a transformation, which also ends its delivery). */
    void delivered(SourceRecord record) {
        Pending pending;
        synchronized (byRecord) {
            pending = byRecord.remove(record);
        }
        if (pending != null && pending.oneDelivered()) {
            pending.deliveries.forEach(PushDelivery::acknowledge);
        }
    }

    /** Messages still waiting for their records, for tests and metrics. */
    int waiting() {
        synchronized (byRecord) {
            return (int) byRecord.values().stream().distinct().mapToLong(p -> p.deliveries.size()).sum();
        }
    }

    private static final class Pending {
        private final List<PushDelivery> deliveries;
        private int remaining;

        Pending(int records, List<PushDelivery> deliveries) {
            this.remaining = records;
            this.deliveries = List.copyOf(deliveries);
        }

        synchronized boolean oneDelivered() {
            return --remaining == 0;
        }
    }
}
