package io.checkoutrelay.enricher.checkout;

import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes an outcome: the enriched checkout or the decline, then the status change. The returned
 * future completes when the broker acknowledged every record (acks=all): only then is the input
 * offset committed. Sends of one checkout leave in order from one idempotent producer, so they keep
 * their order per partition.
 */
public class OutcomePublisher {

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final EnricherMetrics metrics;
    private final Clock clock;

    public OutcomePublisher(KafkaTemplate<String, SpecificRecord> kafka, EnricherMetrics metrics, Clock clock) {
        this.kafka = kafka;
        this.metrics = metrics;
        this.clock = clock;
    }

    public CompletableFuture<Void> publish(AmazonCheckoutCaptured captured, Outcome outcome, SourceRecord source) {
        Instant now = clock.instant();
        String key = captured.getCheckoutId();
        if (outcome instanceof Outcome.Enriched enriched) {
            CompletableFuture<?> record = kafka.send(Topics.CHECKOUT_ENRICHED.name(), key,
                    CheckoutRecords.enriched(captured, enriched, now));
            CompletableFuture<?> status = status(captured, CheckoutStatus.ENRICHED, null, now);
            return CompletableFuture.allOf(record, status)
                    .thenRun(() -> metrics.enriched(captured.getKind().name()));
        }
        Outcome.Declined declined = (Outcome.Declined) outcome;
        CompletableFuture<?> record = kafka.send(Topics.ORDER_DECLINED.name(), key,
                CheckoutRecords.declined(captured, declined, source, now));
        CompletableFuture<?> status = status(captured, CheckoutStatus.DECLINED, declined, now);
        return CompletableFuture.allOf(record, status)
                .thenRun(() -> metrics.declined(declined.declineClass(), declined.reason()));
    }

    public CompletableFuture<Void> retrying(AmazonCheckoutCaptured captured) {
        return status(captured, CheckoutStatus.RETRYING, null, clock.instant()).thenApply(sent -> null);
    }

    private CompletableFuture<?> status(AmazonCheckoutCaptured captured, CheckoutStatus status, Outcome.Declined decline,
            Instant now) {
        return kafka.send(Topics.CHECKOUT_STATUS.name(), CheckoutRecords.statusKey(captured),
                CheckoutRecords.status(captured, status, decline, now));
    }
}
