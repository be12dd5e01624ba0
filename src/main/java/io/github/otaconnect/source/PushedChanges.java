package io.github.otaconnect.source;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.otaconnect.push.PushDelivery;

/**
 * The pushed messages of one job that wait for a read: by device (several messages about one device cost
 * one read), and the job status messages (which wait for a whole scan). Owned by the scan thread.
 */
final class PushedChanges {

    private final Map<String, List<PushDelivery>> byDevice = new LinkedHashMap<>();
    private final List<PushDelivery> jobStatus = new ArrayList<>();
    private long firstArrivalNanos;

    void add(PushDelivery delivery) {
        if (isEmpty()) {
            firstArrivalNanos = delivery.receivedNanos();
        }
        if (delivery.isJobStatus()) {
            jobStatus.add(delivery);
        } else {
            byDevice.computeIfAbsent(delivery.deviceName(), d -> new ArrayList<>()).add(delivery);
        }
    }

    boolean isEmpty() {
        return byDevice.isEmpty() && jobStatus.isEmpty();
    }

    boolean jobStatusPending() {
        return !jobStatus.isEmpty();
    }

    int devices() {
        return byDevice.size();
    }

    /** When the oldest waiting message arrived ({@link System#nanoTime()}). */
    long firstArrivalNanos() {
        return firstArrivalNanos;
    }

    /** The first {@code max} devices, oldest first, and their messages, taken out. */
    DeviceBatch takeDevices(int max) {
        List<String> names = new ArrayList<>(Math.min(max, byDevice.size()));
        List<PushDelivery> deliveries = new ArrayList<>();
        Iterator<Map.Entry<String, List<PushDelivery>>> it = byDevice.entrySet().iterator();
        while (it.hasNext() && names.size() < max) {
            Map.Entry<String, List<PushDelivery>> device = it.next();
            names.add(device.getKey());
            deliveries.addAll(device.getValue());
            it.remove();
        }
        if (!isEmpty()) {
            firstArrivalNanos = System.nanoTime();
        }
        return new DeviceBatch(names, deliveries);
    }

    /** Every waiting message, taken out: a whole scan about to start answers all of them. */
    List<PushDelivery> takeAll() {
        List<PushDelivery> all = new ArrayList<>(jobStatus);
        byDevice.values().forEach(all::addAll);
        jobStatus.clear();
        byDevice.clear();
        return all;
    }

    record DeviceBatch(List<String> deviceNames, List<PushDelivery> deliveries) {
    }
}
