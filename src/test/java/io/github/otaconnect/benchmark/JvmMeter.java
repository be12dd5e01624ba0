package io.github.otaconnect.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Heap and GC numbers of this JVM. "Heap after GC" is what a full collection leaves (the live set); the
 * collections this meter forces to read it are kept out of the GC time it reports, so GC time % is the
 * program's own. The largest heap any collection left behind is tracked from GC notifications, which also
 * covers the collections the program triggered itself.
 */
final class JvmMeter implements AutoCloseable {

    static final double MIB = 1024.0 * 1024.0;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong maxHeapAfterGc = new AtomicLong();
    private final AtomicLong forcedGcMillis = new AtomicLong();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            afterCollection(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
        }
    };

    JvmMeter() {
        for (GarbageCollectorMXBean collector : collectors) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
    }

    /** Stops listening to collections. */
    @Override
    public void close() {
        for (GarbageCollectorMXBean collector : collectors) {
            if (collector instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException e) {
                    // never added
                }
            }
        }
    }

    private void afterCollection(GarbageCollectionNotificationInfo info) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        maxHeapAfterGc.accumulateAndGet(used, Math::max);
    }

    /** A point in time to measure GC time from. */
    Mark mark() {
        return new Mark(System.nanoTime(), gcMillis(), forcedGcMillis.get());
    }

    /** Share of the wall time since {@code from} spent in collections the program caused, in percent. */
    double gcPercentSince(Mark from) {
        double wallMs = (System.nanoTime() - from.nanos()) / 1e6;
        long gc = (gcMillis() - from.gcMillis()) - (forcedGcMillis.get() - from.forcedMillis());
        return wallMs <= 0 ? 0 : 100.0 * Math.max(0, gc) / wallMs;
    }

    /** Heap in use after full collections, in bytes. */
    long heapAfterGc() {
        long before = gcMillis();
        System.gc();
        System.gc();
        forcedGcMillis.addAndGet(gcMillis() - before);
        return heapUsed();
    }

    long heapUsed() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    long heapMax() {
        return memory.getHeapMemoryUsage().getMax();
    }

    /** The most heap any collection so far left in use, in bytes. */
    long maxHeapAfterGc() {
        return maxHeapAfterGc.get();
    }

    void resetMaxHeapAfterGc() {
        maxHeapAfterGc.set(0);
    }

    List<String> collectorNames() {
        return collectors.stream().map(GarbageCollectorMXBean::getName).toList();
    }

    private long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean collector : collectors) {
            sum += Math.max(0, collector.getCollectionTime());
        }
        return sum;
    }

    static double mib(long bytes) {
        return Math.round(bytes / MIB * 10) / 10.0;
    }

    record Mark(long nanos, long gcMillis, long forcedMillis) {
    }
}
