package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RecentStatesTest {

    @Test
    void keepsOnlyStatesAfterTheHorizon() {
        RecentStates recent = new RecentStates();
        recent.add(Instant.ofEpochSecond(10), 1L);
        recent.add(Instant.ofEpochSecond(20), 2L);
        recent.add(Instant.ofEpochSecond(30), 3L);

        RecentStates.Snapshot snapshot = recent.retainAfter(Instant.ofEpochSecond(20), 100);

        assertArrayEquals(new long[] {3L}, snapshot.fingerprints());
        assertTrue(snapshot.complete());
    }

    @Test
    void aBoundedSnapshotKeepsTheNewestAndSaysItIsIncomplete() {
        RecentStates recent = new RecentStates();
        for (int i = 0; i < 50; i++) {
            recent.add(Instant.ofEpochSecond(i), i);
        }

        RecentStates.Snapshot snapshot = recent.retainAfter(null, 3);

        assertArrayEquals(new long[] {47L, 48L, 49L}, snapshot.fingerprints());
        assertFalse(snapshot.complete());
    }

    @Test
    void aStateWithoutModificationTimeIsNeverDropped() {
        RecentStates recent = new RecentStates();
        recent.add(null, 7L);

        assertArrayEquals(new long[] {7L}, recent.retainAfter(Instant.parse("9999-12-31T00:00:00Z"), 10).fingerprints());
    }

    @Test
    void memoryStaysBoundedAndTheOffsetSaysWhatWasDropped() {
        RecentStates recent = new RecentStates();
        for (int i = 0; i < 2 * RecentStates.KEPT + 10; i++) {
            recent.add(Instant.ofEpochSecond(i), i);
        }

        assertTrue(recent.size() <= 2 * RecentStates.KEPT);
        assertFalse(recent.retainAfter(null, 50_000).complete(), "dropped states inside the window");
        assertTrue(recent.retainAfter(Instant.ofEpochSecond(2L * RecentStates.KEPT), 50_000).complete(),
                "once the horizon passed every dropped state, nothing is missing");
    }
}
