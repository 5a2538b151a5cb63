package io.checkoutrelay.intake.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a replica is in loading the status view: from the beginning offsets to the end offsets it
 * found at start. Says so at most once per interval, so a long load is visible in the log.
 */
final class ViewLoadProgress {

    private final Map<TopicPartition, Long> beginning;
    private final Map<TopicPartition, Long> end;
    private final Duration every;
    private final Clock clock;
    private final long total;
    private Instant lastReport;

    ViewLoadProgress(Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end, Duration every, Clock clock) {
        this.beginning = Map.copyOf(beginning);
        this.end = Map.copyOf(end);
        this.every = every;
        this.clock = clock;
        this.total = end.entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue() - beginning.getOrDefault(e.getKey(), 0L))).sum();
        this.lastReport = clock.instant();
    }

    /** The first line: what there is to read. */
    String start() {
        return "loading the status view: " + total + " records to read from " + end.size()
                + " partitions of checkout.status.v1 (end offsets " + byPartition(end) + ")";
    }

    /** Whether every partition has been read up to the end offset found at start. */
    boolean reached(ToLongFunction<TopicPartition> position) {
        return end.entrySet().stream().allMatch(e -> position.applyAsLong(e.getKey()) >= e.getValue());
    }

    /** A progress line when the interval has passed since the last one. */
    Optional<String> report(ToLongFunction<TopicPartition> position, int checkouts) {
        Instant now = clock.instant();
        if (Duration.between(lastReport, now).compareTo(every) < 0) {
            return Optional.empty();
        }
        lastReport = now;
        long read = end.keySet().stream().mapToLong(p -> Math.max(0,
                Math.min(position.applyAsLong(p), end.get(p)) - beginning.getOrDefault(p, 0L))).sum();
        long percent = total == 0 ? 100 : read * 100 / total;
        return Optional.of("loading the status view: " + read + " of " + total + " records read (" + percent
                + "%), " + checkouts + " checkouts so far; not ready until the end offsets " + byPartition(end));
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> sorted = new TreeMap<>();
        offsets.forEach((p, o) -> sorted.put(p.partition(), o));
        return sorted;
    }
}
