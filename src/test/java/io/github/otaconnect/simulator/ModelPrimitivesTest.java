package io.github.otaconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ModelPrimitivesTest {

  @Test
  void indexSetSelectAndNextMatchASortedSet() {
    Random random = new Random(7);
    IndexSet set = new IndexSet(10);
    TreeSet<Integer> expected = new TreeSet<>();
    for (int k = 0; k < 20_000; k++) {
      int bit = random.nextInt(300_000);
      if (random.nextInt(3) == 0) {
        set.remove(bit);
        expected.remove(bit);
      } else {
        set.add(bit);
        expected.add(bit);
      }
    }
    assertEquals(expected.size(), set.size());
    int rank = 0;
    for (int bit : expected) {
      assertEquals(bit, set.select(rank++));
    }
    assertEquals(-1, set.select(expected.size()));
    for (int probe = 0; probe < 300_500; probe += 997) {
      Integer next = expected.ceiling(probe);
      assertEquals(next == null ? -1 : next, set.nextSetBit(probe));
    }
  }

  @Test
  void transitionQueuePopsInTimeThenIndexOrder() {
    Random random = new Random(3);
    TransitionQueue queue = new TransitionQueue(4);
    PriorityQueue<long[]> expected = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
        : Long.compare(a[1], b[1]));
    for (int k = 0; k < 5000; k++) {
      long due = random.nextInt(500);
      int task = random.nextInt(1000);
      queue.push(due, task);
      expected.add(new long[] {due, task});
    }
    while (!expected.isEmpty()) {
      long[] next = expected.poll();
      assertEquals(next[0], queue.peekDue());
      assertEquals(next[1], queue.peekTask());
      queue.pop();
    }
    assertTrue(queue.isEmpty());
  }

  @Test
  void identitiesRoundTripAndLookOpaque() {
    TaskIdentities ids = new TaskIdentities("HvKuBpuk3rdk6E92CP0200", "a1GUfrM", "meter");
    Set<String> taskIds = new HashSet<>();
    Set<String> iotIds = new HashSet<>();
    for (int i : new int[] {0, 1, 2, 61, 62, 999_999, 1_000_000, 9_999_999, Integer.MAX_VALUE}) {
      String taskId = ids.taskId(i);
      assertEquals(i, ids.taskIndex(taskId), taskId);
      assertEquals(i, ids.deviceIndex(ids.deviceName(i)));
      taskIds.add(taskId);
      iotIds.add(ids.iotId(i));
    }
    assertEquals(9, taskIds.size());
    assertEquals(9, iotIds.size());
    assertEquals("meter-0000042", ids.deviceName(42));
    assertEquals(-1, ids.deviceIndex("meter-42"));
    assertEquals(-1, ids.deviceIndex("other-0000042"));
    assertEquals(-1, ids.taskIndex("nonsense"));
    assertNotEquals(ids.taskId(1).substring(14), ids.taskId(2).substring(14));
    // another job of the same product addresses the same devices, under other task ids
    TaskIdentities sibling = new TaskIdentities("AnotherJob00000000000200", "a1GUfrM", "meter");
    assertEquals(ids.iotId(5), sibling.iotId(5));
    assertNotEquals(ids.taskId(5), sibling.taskId(5));
    assertEquals(-1, sibling.taskIndex(ids.taskId(5)));
  }
}
