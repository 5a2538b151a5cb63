package io.checkoutrelay.bench.measure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.checkoutrelay.bench.load.SendLog;
import io.checkoutrelay.schemas.topic.Topics;

/**
 * Where an order's time goes: for each checkout, the create time of every record the pipeline wrote for it
 * (read back with read_committed, so only what downstream saw), in the order written, and the time between
 * consecutive ones. A record's create time is when its producer sent it, inside the transaction that commits
 * it; the step to the next record holds that commit, the transaction marker, the next consumer's fetch, the
 * work (and its external call), and the wait for the transaction that carries the next record.
 */
public final class HopTimes {

    /** One step of an order: from {@code from} to {@code to}, what the sandbox spent in it (ms), and its percentiles. */
    public record Hop(String name, long sandboxMillis, Percentiles millis) {
    }

    /**
     * A point of an order: the {@code index}th record of the checkout's key on {@code topic}, or, where {@code state}
     * is set, its first ledger record in that state (the ledger's values are JSON with a {@code state}); a point
     * with {@code optional} set may be missing (the LEAD state, which the importer no longer writes on its own).
     */
    private record Point(String label, String topic, int index, String state, boolean optional) {

        Long at(Map<String, Map<String, List<Stamp>>> times, String checkoutId) {
            List<Stamp> written = times.getOrDefault(topic, Map.of()).get(checkoutId);
            if (written == null) {
                return null;
            }
            if (state == null) {
                return written.size() > index ? written.get(index).millis() : null;
            }
            return written.stream().filter(s -> state.equals(s.state())).findFirst().map(Stamp::millis).orElse(null);
        }
    }

    /** A record's create time, and its ledger state where it has one. */
    private record Stamp(long millis, String state) {
    }

    private static final List<Point> ORDER_POINTS = List.of(
            new Point("captured", Topics.CHECKOUT_CAPTURED.name(), 0, null, false),
            new Point("enriched", Topics.CHECKOUT_ENRICHED.name(), 0, null, false),
            new Point("IMPORTING status", Topics.CHECKOUT_STATUS.name(), 2, null, false),
            new Point("ledger LEAD", Topics.IMPORTER_LEDGER.name(), 0, "LEAD", true),
            new Point("ledger SUBMITTING", Topics.IMPORTER_LEDGER.name(), 0, "SUBMITTING", false),
            new Point("imported", Topics.ORDER_IMPORTED.name(), 0, null, false));
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");

    private HopTimes() {
    }

    /**
     * The hops of the checkouts of {@code sends}' window, from the records written from {@code from} (end offsets
     * before the load) on; {@code sandboxMillis} gives a hop's share of the sandbox's latency by its name.
     */
    public static List<Hop> read(String bootstrap, Map<TopicPartition, Long> from, SendLog sends,
                                 Map<String, Long> sandboxMillis) {
        Map<String, Map<String, List<Stamp>>> times = createTimes(bootstrap, from);
        Map<String, List<Long>> hops = new LinkedHashMap<>();
        for (SendLog.Send send : sends.inWindow()) {
            String previous = "POST";
            long previousAt = Math.round(send.sentEpochMicros() / 1000.0);
            Map<String, Long> steps = new LinkedHashMap<>();
            for (Point point : ORDER_POINTS) {
                Long at = point.at(times, send.checkoutId());
                if (at == null) {
                    if (point.optional()) {
                        continue;
                    }
                    steps = null;
                    break;
                }
                steps.put(previous + " → " + point.label(), at - previousAt);
                previous = point.label();
                previousAt = at;
            }
            if (steps != null) {
                steps.forEach((name, millis) -> hops.computeIfAbsent(name, n -> new ArrayList<>()).add(millis));
            }
        }
        List<Hop> result = new ArrayList<>();
        hops.forEach((name, values) -> result.add(new Hop(name, sandboxMillis.getOrDefault(name, 0L),
                new Percentiles(values.stream().mapToLong(Long::longValue).toArray()))));
        return result;
    }

    /** topic → checkoutId (record key) → create times in offset order, of what was committed after {@code from}. */
    private static Map<String, Map<String, List<Stamp>>> createTimes(String bootstrap, Map<TopicPartition, Long> from) {
        List<String> topics = ORDER_POINTS.stream().map(Point::topic).distinct().toList();
        Map<String, Map<String, List<Stamp>>> times = new HashMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = from.keySet().stream().filter(tp -> topics.contains(tp.topic())).toList();
            consumer.assign(partitions);
            partitions.forEach(tp -> consumer.seek(tp, from.get(tp)));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null) {
                        String state = null;
                        if (record.topic().equals(Topics.IMPORTER_LEDGER.name()) && record.value() != null) {
                            Matcher matcher = STATE.matcher(new String(record.value(), StandardCharsets.UTF_8));
                            state = matcher.find() ? matcher.group(1) : null;
                        }
                        times.computeIfAbsent(record.topic(), t -> new HashMap<>())
                                .computeIfAbsent(record.key(), k -> new ArrayList<>(3))
                                .add(new Stamp(record.timestamp(), state));
                    }
                }
            }
        }
        return times;
    }
}
