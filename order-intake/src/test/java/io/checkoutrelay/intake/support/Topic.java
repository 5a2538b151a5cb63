package io.checkoutrelay.intake.support;

import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads topics of the shared broker the way a downstream consumer would, and writes status records as other stages do. */
public final class Topic {

    private Topic() {
    }

    /** The sum of the end offsets of a topic: it grows with every record written. */
    public static long endOffsetSum(Infrastructure infra, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer(infra)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every record of the topic as raw bytes (key and value), read to the current end. */
    public static List<ConsumerRecord<byte[], byte[]>> rawRecords(Infrastructure infra, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer(infra)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Every decoded record of the topic with this key. */
    public static <T extends SpecificRecord> List<T> recordsWithKey(Infrastructure infra, String topic, String key) {
        return decoded(infra, topic, key::equals);
    }

    /** Every decoded record of the topic, read to the current end. */
    public static <T extends SpecificRecord> List<T> records(Infrastructure infra, String topic) {
        return decoded(infra, topic, key -> true);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> List<T> decoded(Infrastructure infra, String topic,
                                                              Predicate<String> keys) {
        Map<String, Object> configs = RelaySerdes.consumerConfigs(infra.registryUrl());
        configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(configs)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<T> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.test(r.key())) {
                        records.add((T) r.value());
                    }
                }
            }
            return records;
        }
    }

    /** Writes a status record as the enricher or importer would (key per Topics.upsellStatusKey rule). */
    public static void writeStatus(Infrastructure infra, CheckoutStatusChanged status) {
        Map<String, Object> configs = RelaySerdes.producerConfigs(infra.registryUrl());
        configs.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        String key = status.getUpsellId() == null ? status.getCheckoutId()
                : Topics.upsellStatusKey(status.getCheckoutId(), status.getUpsellId());
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(configs)) {
            producer.send(new ProducerRecord<>(Topics.CHECKOUT_STATUS.name(), key, status)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("status record not written", e);
        }
    }

    private static KafkaConsumer<byte[], byte[]> rawConsumer(Infrastructure infra) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

}
