package io.checkoutrelay.importer.consumer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.support.KafkaHeaders;

import io.checkoutrelay.keyed.Outbox;
import io.checkoutrelay.observability.trace.CheckoutTracing;

/**
 * Writes a record that can never be processed to {@code <topic>.dlt}: the original key and value
 * bytes, the error and the origin in spring-kafka's dead-letter headers.
 */
public final class DeadLetters {

    private final Outbox outbox;
    private final CheckoutTracing tracing;

    public DeadLetters(Outbox outbox, CheckoutTracing tracing) {
        this.outbox = outbox;
        this.tracing = tracing;
    }

    CompletableFuture<Void> send(ConsumerRecord<String, byte[]> record, Exception error) {
        ProducerRecord<String, Object> dead = new ProducerRecord<>(record.topic() + ".dlt", null, record.key(),
                record.value());
        record.headers().forEach(header -> dead.headers().add(header));
        dead.headers().add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(error.getClass().getName()));
        dead.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(error.getMessage())));
        dead.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
        dead.headers().add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(record.partition()).array());
        dead.headers().add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
        tracing.inject(dead.headers());
        // committed with the input offset: written once, and the record is then done
        return tracing.keep(outbox.finish(record.partition(), record.offset(), List.of(dead)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
