package io.github.otaconnect.benchmark;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.github.otaconnect.api.ApiCallListener;

/** Counts the client's HTTP attempts by action and outcome, as the client sees them. Thread-safe. */
final class ApiCallTally implements ApiCallListener {

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> counts = new ConcurrentHashMap<>();

    @Override
    public void onCall(String action, String outcome, Duration latency) {
        counts.computeIfAbsent(action, a -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> new LongAdder())
                .increment();
    }

    CallCount snapshot() {
        Map<String, Map<String, Long>> copy = new HashMap<>();
        counts.forEach((action, outcomes) -> {
            Map<String, Long> values = new HashMap<>();
            outcomes.forEach((outcome, adder) -> values.put(outcome, adder.sum()));
            copy.put(action, values);
        });
        return new CallCount(copy);
    }
}
