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
import io.checkoutrelay.keyed.Outbox;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import java.util.List;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Writes an input record that can never be processed to {@code <topic>.dlt}: the original key, bytes
 * and headers, plus the cause in spring-kafka's standard dead-letter headers (exception class,
 * message, cause, original topic, partition, offset, timestamp, consumer group). Messages come from
 * deserialization or the token cipher, whose messages never hold a token or key.
 */
public class DeadLetters {

    private final Outbox outbox;
    private final String consumerGroup;
    private final EnricherMetrics metrics;
    private final CheckoutTracing tracing;

    public DeadLetters(Outbox outbox, String consumerGroup, EnricherMetrics metrics, CheckoutTracing tracing) {
        this.outbox = outbox;
        this.consumerGroup = consumerGroup;
        this.metrics = metrics;
        this.tracing = tracing;
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
        ProducerRecord<String, Object> deadLetter = new ProducerRecord<>(record.topic() + ".dlt", null,
                record.key(), record.value(), headers);
        // committed with the input offset: the dead letter is written once, and the record is then done
        return tracing.keep(outbox.finish(record.partition(), record.offset(), List.of(deadLetter)))
                .thenRun(metrics::deadLettered);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
