package io.checkoutrelay.replay.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics without a consumer group (nothing is committed, no service's group is touched): a
 * whole topic up to its end at the time of the call, or one record at its offset.
 */
public final class TopicReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;

    /** {@code settings}: the consumer settings of {@code spring.kafka.*}, security included; no group is used. */
    public TopicReader(Map<String, Object> settings) {
        Map<String, Object> configs = new HashMap<>(settings);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "checkout-relay-replay");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(configs);
    }

    /** The topic's partitions, or empty when the topic does not exist. */
    public List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.listTopics(METADATA).get(topic);
        return infos == null ? List.of()
                : infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /** Every record of the topic (from {@code from} on, when given) up to the end it has now. */
    public void scan(String topic, Instant from, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        List<TopicPartition> partitions = partitions(topic);
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        if (from != null) {
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, from.toEpochMilli()));
            for (Map.Entry<TopicPartition, OffsetAndTimestamp> found : consumer.offsetsForTimes(times, METADATA).entrySet()) {
                if (found.getValue() != null) {
                    consumer.seek(found.getKey(), found.getValue().offset());
                } else {
                    consumer.seekToEnd(List.of(found.getKey()));
                }
            }
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA);
        while (partitions.stream().anyMatch(p -> consumer.position(p, METADATA) < end.get(p))) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(record);
                }
            }
        }
        consumer.unsubscribe();
    }

    /** The record at that offset; empty with the reason when it is not there (past retention, never written). */
    public Fetched fetch(String topic, int partition, long offset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        if (!partitions(topic).contains(tp)) {
            return Fetched.gone("topic " + topic + " has no partition " + partition);
        }
        consumer.assign(List.of(tp));
        long beginning = consumer.beginningOffsets(List.of(tp), METADATA).get(tp);
        long end = consumer.endOffsets(List.of(tp), METADATA).get(tp);
        try {
            if (offset < beginning) {
                return Fetched.gone("gone past the topic's retention: " + topic + "-" + partition
                        + " now starts at offset " + beginning);
            }
            if (offset >= end) {
                return Fetched.gone("never written: " + topic + "-" + partition + " ends at offset " + end);
            }
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + METADATA.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() == offset) {
                        return new Fetched(Optional.of(record), null);
                    }
                    if (record.offset() > offset) {
                        return Fetched.gone("no record at that offset (removed by compaction or a transaction marker)");
                    }
                }
            }
            return Fetched.gone("not readable within " + METADATA.toSeconds() + " s");
        } finally {
            consumer.unsubscribe();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    /** A fetched record, or why there is none. */
    public record Fetched(Optional<ConsumerRecord<byte[], byte[]>> record, String whyMissing) {
        static Fetched gone(String why) {
            return new Fetched(Optional.empty(), why);
        }
    }
}
