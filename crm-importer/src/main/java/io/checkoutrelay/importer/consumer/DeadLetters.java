package io.checkoutrelay.importer.consumer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.support.KafkaHeaders;

import io.checkoutrelay.observability.trace.CheckoutTracing;

/**
 * Sends a record that can never be processed to {@code <topic>.dlt}: the original key and value
 * bytes, the error and the origin in spring-kafka's dead-letter headers.
 */
final class DeadLetters {

    private final Producer<byte[], byte[]> producer;
    private final CheckoutTracing tracing;

    DeadLetters(Producer<byte[], byte[]> producer, CheckoutTracing tracing) {
        this.producer = producer;
        this.tracing = tracing;
    }

    CompletableFuture<Void> send(ConsumerRecord<String, byte[]> record, Exception error) {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(record.topic() + ".dlt", null,
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value());
        record.headers().forEach(header -> dead.headers().add(header));
        dead.headers().add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(error.getClass().getName()));
        dead.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(error.getMessage())));
        dead.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
        dead.headers().add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(record.partition()).array());
        dead.headers().add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
        tracing.inject(dead.headers());
        CompletableFuture<Void> sent = new CompletableFuture<>();
        producer.send(dead, (metadata, failure) -> {
            if (failure != null) {
                sent.completeExceptionally(failure);
            } else {
                sent.complete(null);
            }
        });
        return tracing.keep(sent);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
