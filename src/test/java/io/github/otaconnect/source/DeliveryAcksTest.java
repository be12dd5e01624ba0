package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.push.PushDeliveries;
import io.github.otaconnect.push.PushDelivery;

class DeliveryAcksTest {

    private final DeliveryAcks acks = new DeliveryAcks();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final List<SourceRecord> handedOver = new ArrayList<>();

    private PushDelivery message() {
        return PushDeliveries.device("job-1", "dev-1", acknowledged::incrementAndGet);
    }

    private static SourceRecord record(int n) {
        return new SourceRecord(null, null, "t", null, "v" + n);
    }

    @Test
    void aMessageIsAcknowledgedOnlyWhenEveryRecordOfItsReadIsDelivered() throws Exception {
        DeliveryAcks.Read read = acks.open(List.of(message(), message()), handedOver::addAll);
        read.sink().accept(List.of(record(1), record(2)));
        read.sink().accept(List.of(record(3)));
        read.end();
        acks.delivered(handedOver.get(0));
        acks.delivered(handedOver.get(2));
        assertEquals(0, acknowledged.get());
        acks.delivered(handedOver.get(1));
        assertEquals(2, acknowledged.get());
    }

    @Test
    void recordsDeliveredBeforeTheReadEndsCountAndTheEndAcknowledges() throws Exception {
        DeliveryAcks.Read read = acks.open(List.of(message()), handedOver::addAll);
        read.sink().accept(List.of(record(1)));
        acks.delivered(handedOver.get(0));
        assertEquals(0, acknowledged.get(), "the read may still hand over more");
        read.end();
        assertEquals(1, acknowledged.get());
    }

    @Test
    void aReadThatFoundNothingAcknowledgesWhenItEnds() {
        acks.open(List.of(message()), handedOver::addAll).end();
        assertEquals(1, acknowledged.get());
    }

    @Test
    void anAbandonedReadNeverAcknowledges() throws Exception {
        DeliveryAcks.Read read = acks.open(List.of(message()), handedOver::addAll);
        read.sink().accept(List.of(record(1)));
        read.abandon();
        acks.delivered(handedOver.get(0));
        assertEquals(0, acknowledged.get());
    }

    @Test
    void aMessageIsAcknowledgedOnce() {
        PushDelivery delivery = message();
        acks.open(List.of(delivery), handedOver::addAll).end();
        acks.open(List.of(delivery), handedOver::addAll).end();
        assertEquals(1, acknowledged.get());
    }
}
