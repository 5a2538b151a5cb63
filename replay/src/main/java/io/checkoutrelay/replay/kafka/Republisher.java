package io.checkoutrelay.replay.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.checkoutrelay.replay.cli.Position;

/** Writes records byte for byte (key, value, headers), durably (acks=all, idempotent), one at a time. */
public final class Republisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    /** {@code settings}: the producer settings of {@code spring.kafka.*}, security included. */
    public Republisher(Map<String, Object> settings) {
        Map<String, Object> configs = new HashMap<>(settings);
        configs.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        configs.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "checkout-relay-replay");
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        configs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        configs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(configs);
    }

    /** Sends and waits for the broker's acknowledgement; the partition is kept when given (null: by key). */
    public Position publish(String topic, Integer partition, byte[] key, byte[] value, Headers headers) {
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic, partition, key, value, headers))
                    .get(90, TimeUnit.SECONDS);
            return new Position(written.topic(), written.partition(), written.offset());
        } catch (ExecutionException e) {
            throw new IllegalStateException("writing to " + topic + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("writing to " + topic + " not acknowledged within 90 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
