package io.checkoutrelay.enricher.checkout;

import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import io.checkoutrelay.keyed.Outbox;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes an outcome: the enriched checkout or the decline, and the status change, in one Kafka
 * transaction together with the input record's offset (the engine's {@link Outbox}): a read_committed
 * reader sees both or neither, once, even when the enricher crashes in between. The returned future
 * completes once that transaction is committed.
 */
public class OutcomePublisher {

    private final Outbox outbox;
    private final EnricherMetrics metrics;
    private final Clock clock;
    private final CheckoutTracing tracing;

    public OutcomePublisher(Outbox outbox, EnricherMetrics metrics, Clock clock, CheckoutTracing tracing) {
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.tracing = tracing;
    }

    public CompletableFuture<Void> publish(AmazonCheckoutCaptured captured, Outcome outcome, SourceRecord source) {
        Instant now = clock.instant();
        String key = captured.getCheckoutId();
        if (outcome instanceof Outcome.Enriched enriched) {
            return finish(source, record(Topics.CHECKOUT_ENRICHED.name(), key, CheckoutRecords.enriched(captured, enriched, now)),
                    status(captured, CheckoutStatus.ENRICHED, null, now))
                    .thenRun(() -> metrics.enriched(captured.getKind().name()));
        }
        Outcome.Declined declined = (Outcome.Declined) outcome;
        return finish(source, record(Topics.ORDER_DECLINED.name(), key, CheckoutRecords.declined(captured, declined, source, now)),
                status(captured, CheckoutStatus.DECLINED, declined, now))
                .thenRun(() -> metrics.declined(declined.declineClass(), declined.reason()));
    }

    public CompletableFuture<Void> retrying(AmazonCheckoutCaptured captured, SourceRecord source) {
        return tracing.keep(outbox.write(source.partition(),
                List.of(status(captured, CheckoutStatus.RETRYING, null, clock.instant()))));
    }

    private CompletableFuture<Void> finish(SourceRecord source, ProducerRecord<String, Object> result,
            ProducerRecord<String, Object> status) {
        return tracing.keep(outbox.finish(source.partition(), source.offset(), List.of(result, status)));
    }

    private ProducerRecord<String, Object> status(AmazonCheckoutCaptured captured, CheckoutStatus status,
            Outcome.Declined decline, Instant now) {
        return record(Topics.CHECKOUT_STATUS.name(), CheckoutRecords.statusKey(captured),
                CheckoutRecords.status(captured, status, decline, now));
    }

    /** Every record carries the trace of the checkout it is about ({@code traceparent}). */
    private ProducerRecord<String, Object> record(String topic, String key, SpecificRecord value) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, value);
        tracing.inject(record.headers());
        return record;
    }
}
