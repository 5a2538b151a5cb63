package io.checkoutrelay.sandbox.admin;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of answered calls by endpoint and outcome; unbounded in time, unlike the call log. */
public class CallStats {

    private final ConcurrentMap<String, ConcurrentMap<String, LongAdder>> counts = new ConcurrentHashMap<>();

    public void count(String endpoint, String outcome) {
        counts.computeIfAbsent(endpoint, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, key -> new LongAdder())
                .increment();
    }

    /** endpoint → outcome → count, sorted by name. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> snapshot = new TreeMap<>();
        counts.forEach((endpoint, outcomes) -> {
            Map<String, Long> byOutcome = new TreeMap<>();
            outcomes.forEach((outcome, count) -> byOutcome.put(outcome, count.sum()));
            snapshot.put(endpoint, byOutcome);
        });
        return snapshot;
    }

    public void reset() {
        counts.clear();
    }
}
