package io.checkoutrelay.bench.system;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What was written to each topic between two moments: offsets taken (records plus transaction markers, one
 * marker in every partition a transaction wrote to when it commits or aborts) and the records themselves
 * (read back with read_uncommitted, so aborted ones count too).
 */
public record TopicTraffic(Map<String, Long> offsets, Map<String, Long> records) {

    /** The end offset of every partition of every non-internal topic. */
    public static Map<TopicPartition, Long> endOffsets(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            topics.values().forEach(t -> t.partitions().forEach(p ->
                    request.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not read the topics' end offsets: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Offsets taken and records written per topic between {@code before} and {@code after} (end offsets). */
    public static TopicTraffic between(String bootstrap, Map<TopicPartition, Long> before, Map<TopicPartition, Long> after) {
        Map<String, Long> offsets = new TreeMap<>();
        Map<String, Long> records = new TreeMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            after.forEach((tp, end) -> {
                long start = before.getOrDefault(tp, 0L);
                if (end <= start) {
                    return;
                }
                offsets.merge(tp.topic(), end - start, Long::sum);
                records.merge(tp.topic(), count(consumer, tp, start, end), Long::sum);
            });
        }
        return new TopicTraffic(offsets, records);
    }

    private static long count(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long start, long end) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, start);
        long count = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.position(tp) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < end) {
                    count++;
                }
            }
        }
        return count;
    }
}
