package io.github.otaconnect.benchmark;

import java.util.Map;
import java.util.TreeMap;

/**
 * Calls by action and outcome at one moment, from the simulator's counters (what the vendor saw) or from the
 * client's listener (what the client attempted); differences between two moments give a window's calls.
 */
record CallCount(Map<String, Map<String, Long>> byAction) {

    static final String LIST_TASKS = "ListOTATaskByJob";
    static final String QUERY_JOB = "QueryOTAJob";
    static final String THROTTLED = "throttled";
    static final String SUCCESS = "success";

    static final CallCount NONE = new CallCount(Map.of());

    CallCount {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        byAction.forEach((action, outcomes) -> copy.put(action, Map.copyOf(new TreeMap<>(outcomes))));
        byAction = Map.copyOf(copy);
    }

    long count(String action, String outcome) {
        return byAction.getOrDefault(action, Map.of()).getOrDefault(outcome, 0L);
    }

    long total(String action) {
        return byAction.getOrDefault(action, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    long total() {
        return byAction.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    long outcome(String outcome) {
        return byAction.values().stream().mapToLong(m -> m.getOrDefault(outcome, 0L)).sum();
    }

    /** The calls made since {@code earlier}. */
    CallCount minus(CallCount earlier) {
        Map<String, Map<String, Long>> diff = new TreeMap<>();
        byAction.forEach((action, outcomes) -> {
            Map<String, Long> d = new TreeMap<>();
            outcomes.forEach((outcome, n) -> {
                long delta = n - earlier.count(action, outcome);
                if (delta != 0) {
                    d.put(outcome, delta);
                }
            });
            if (!d.isEmpty()) {
                diff.put(action, d);
            }
        });
        return new CallCount(diff);
    }

    /** Total per action, for tables. */
    Map<String, Long> totals() {
        Map<String, Long> totals = new TreeMap<>();
        byAction.keySet().forEach(action -> totals.put(action, total(action)));
        return totals;
    }

    @Override
    public String toString() {
        return new TreeMap<>(byAction).toString();
    }
}
