package io.github.otaconnect.simulator.push;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryPipelineTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** Offers messages 0..n-1 and returns the IDs the fan-out saw, in arrival order, once all have arrived. */
    private List<String> run(PushKnobs knobs, int n, Consumer<DeliveryPipeline> check) {
        List<String> seen = new CopyOnWriteArrayList<>();
        DeliveryPipeline pipeline = new DeliveryPipeline(knobs, new DeliveryPipeline.Fanout() {
            @Override
            public int publish(VendorMessage message) {
                seen.add(message.messageId());
                return 1;
            }

            @Override
            public int groups() {
                return 1;
            }
        }, scheduler);
        for (int i = 0; i < n; i++) {
            pipeline.offer(new VendorMessage("/t", Integer.toString(i), 0, new byte[0]));
        }
        PushStats expected = pipeline.stats();
        long copies = expected.generated() - expected.lost() + expected.duplicated();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == copies);
        assertEquals(copies, pipeline.stats().published());
        check.accept(pipeline);
        return new ArrayList<>(seen);
    }

    @Test
    void theSameSeedLosesAndDuplicatesTheSameMessages() {
        List<String> a = run(new PushKnobs(5).loss(0.2).duplication(0.1, Duration.ZERO), 500, p -> { });
        List<String> b = run(new PushKnobs(5).loss(0.2).duplication(0.1, Duration.ZERO), 500, p -> { });
        List<String> c = run(new PushKnobs(6).loss(0.2).duplication(0.1, Duration.ZERO), 500, p -> { });
        assertEquals(sorted(a), sorted(b));
        assertNotEquals(sorted(a), sorted(c));
    }

    @Test
    void lossAndDuplicationHappenAtAboutTheirRates() {
        List<String> seen = run(new PushKnobs(11).loss(0.2).duplication(0.1, Duration.ZERO), 1000, p -> {
            PushStats s = p.stats();
            assertTrue(s.lost() > 140 && s.lost() < 260, "lost " + s.lost());
            assertTrue(s.duplicated() > 60 && s.duplicated() < 140, "duplicated " + s.duplicated());
        });
        Set<String> distinct = new HashSet<>(seen);
        assertTrue(distinct.size() < 1000, "some were lost");
        assertTrue(seen.size() > distinct.size(), "some came twice with the same messageId");
    }

    @Test
    void faithfulKnobsDeliverEveryMessageOnceInOrder() {
        List<String> seen = run(PushKnobs.faithful(3), 200, p -> { });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected, seen);
    }

    @Test
    void heldBackMessagesAreOvertakenByLaterOnes() {
        List<String> seen = run(new PushKnobs(8).reorder(0.3, Duration.ofMillis(300)), 100, p ->
                assertTrue(p.stats().heldBack() > 0));
        assertEquals(100, new HashSet<>(seen).size());
        List<Integer> arrival = seen.stream().map(Integer::valueOf).toList();
        List<Integer> generation = arrival.stream().sorted().toList();
        assertNotEquals(generation, arrival, "later messages overtake the held-back ones");
    }

    private static List<String> sorted(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        copy.sort(null);
        return copy;
    }
}
