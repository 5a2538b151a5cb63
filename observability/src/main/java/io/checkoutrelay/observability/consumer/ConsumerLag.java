package io.checkoutrelay.observability.consumer;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The consumer group's lag per assigned partition: end offset minus committed offset, i.e. records
 * not yet fetched plus records fetched but not finished (offsets are committed only past finished
 * records). Refreshed from the consumer's own thread at most every {@code interval}, from what that
 * thread already knows: the end offset from the consumer's last fetch ({@code currentLag}: for a
 * {@code read_committed} consumer the last stable offset), the committed offset from the caller, who
 * committed it. No broker round trip: a {@code committed()} call on the loop thread stalled the loop
 * (and every transaction waiting for it) for 100 ms and more whenever its own last transactional offset
 * commit was not yet stable (the broker answers UNSTABLE_OFFSET_COMMIT and the consumer retries after its
 * backoff) — found in bench scenario 3. Partitions this instance no longer owns are dropped, so summing over
 * replicas gives the group's lag.
 */
public final class ConsumerLag {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

    private final MeterRegistry registry;
    private final String name;
    private final Duration interval;
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Gauge> gauges = new ConcurrentHashMap<>();
    private long nextRefreshNanos;

    public ConsumerLag(MeterRegistry registry, String name, Duration interval) {
        this.registry = registry;
        this.name = name;
        this.interval = interval;
    }

    /**
     * Call from the consumer's thread, e.g. after each poll, with the offsets last committed per partition (a
     * partition without one is left out until it has one); when due, sets each partition's lag from the
     * consumer's cached end offset, never asking the broker.
     */
    public void refresh(Consumer<?, ?> consumer, Map<TopicPartition, Long> committed) {
        long now = System.nanoTime();
        if (now < nextRefreshNanos) {
            return;
        }
        nextRefreshNanos = now + interval.toNanos();
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        try {
            for (TopicPartition partition : assigned) {
                Long done = committed.get(partition);
                OptionalLong unfetched = consumer.currentLag(partition); // empty until a fetch told the end
                if (done == null || unfetched.isEmpty()) {
                    continue;
                }
                long end = consumer.position(partition) + unfetched.getAsLong();
                lag(partition).set(Math.max(0, end - done));
            }
        } catch (RuntimeException e) {
            log.debug("consumer lag not refreshed: {}", e.toString());
        }
        Set.copyOf(gauges.keySet()).stream().filter(p -> !assigned.contains(p)).forEach(this::drop);
    }

    /** Drops every partition's gauge (the consumer is closing). */
    public void clear() {
        Set.copyOf(gauges.keySet()).forEach(this::drop);
    }

    private AtomicLong lag(TopicPartition partition) {
        return lags.computeIfAbsent(partition, p -> {
            AtomicLong value = new AtomicLong();
            gauges.put(p, Gauge.builder(name, value, AtomicLong::get)
                    .description("Records of the partition not yet processed: end offset minus committed offset")
                    .tag("topic", p.topic()).tag("partition", Integer.toString(p.partition()))
                    .register(registry));
            return value;
        });
    }

    private void drop(TopicPartition partition) {
        Gauge gauge = gauges.remove(partition);
        if (gauge != null) {
            registry.remove(gauge);
        }
        lags.remove(partition);
    }
}
