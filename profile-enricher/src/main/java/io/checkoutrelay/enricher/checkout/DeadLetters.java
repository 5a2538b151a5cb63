package io.checkoutrelay.enricher.checkout;

import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Sends an input record that can never be processed to {@code <topic>.dlt}: the original key, bytes
 * and headers, plus the cause in spring-kafka's standard dead-letter headers (exception class,
 * message, cause, original topic, partition, offset, timestamp, consumer group). Messages come from
 * deserialization or the token cipher, whose messages never hold a token or key.
 */
public class DeadLetters {

    private final KafkaTemplate<String, byte[]> kafka;
    private final String consumerGroup;
    private final EnricherMetrics metrics;

    public DeadLetters(KafkaTemplate<String, byte[]> kafka, String consumerGroup, EnricherMetrics metrics) {
        this.kafka = kafka;
        this.consumerGroup = consumerGroup;
        this.metrics = metrics;
    }

    public CompletableFuture<Void> publish(ConsumerRecord<String, byte[]> record, Throwable cause) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        add(headers, KafkaHeaders.DLT_EXCEPTION_FQCN, cause.getClass().getName());
        add(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE, String.valueOf(cause.getMessage()));
        if (cause.getCause() != null) {
            add(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, cause.getCause().getClass().getName());
        }
        add(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic());
        headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array()));
        headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array()));
        headers.add(new RecordHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
                ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array()));
        add(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, consumerGroup);
        ProducerRecord<String, byte[]> deadLetter = new ProducerRecord<>(record.topic() + ".dlt", null,
                record.key(), record.value(), headers);
        return kafka.send(deadLetter).thenRun(metrics::deadLettered);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
