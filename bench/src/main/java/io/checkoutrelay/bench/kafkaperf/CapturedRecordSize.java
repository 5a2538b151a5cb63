package io.checkoutrelay.bench.kafkaperf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.checkoutrelay.schemas.topic.Topics;

/** The serialized size of real AmazonCheckoutCaptured values, read back from the topic the intake wrote. */
public final class CapturedRecordSize {

    private CapturedRecordSize() {
    }

    /** The median value size (bytes) of up to 200 records from the start of amazon.checkout.captured.v1. */
    public static int measure(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Topics.CHECKOUT_CAPTURED.name(), Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<Integer> sizes = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (sizes.size() < 200 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        sizes.add(record.value().length);
                    }
                }
            }
            if (sizes.isEmpty()) {
                throw new IllegalStateException("no record in " + Topics.CHECKOUT_CAPTURED.name() + " to measure");
            }
            sizes.sort(Integer::compare);
            return sizes.get(sizes.size() / 2);
        }
    }
}
