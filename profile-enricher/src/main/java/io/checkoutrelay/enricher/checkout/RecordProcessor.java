package io.checkoutrelay.enricher.checkout;

import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import io.checkoutrelay.keyed.DeadLetters;
import io.checkoutrelay.keyed.UnreadableCheckout;
import io.checkoutrelay.observability.consumer.CheckoutsInWork;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.serde.RegistryValues;
import io.checkoutrelay.schemas.token.TokenCipher;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one input record to durable output: decode, enrich, publish. The future completes when
 * everything this record produced (RETRYING status, enriched or declined record, final status, or
 * the dead letter) is committed; it fails only when publishing failed. Running it
 * twice for the same record is harmless: the outputs are keyed by checkoutId and the same again.
 */
public class RecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(RecordProcessor.class);

    private final CapturedDecoder decoder;
    private final CheckoutEnricher enricher;
    private final OutcomePublisher publisher;
    private final DeadLetters deadLetters;
    private final CheckoutTracing tracing;
    private final CheckoutsInWork inWork;
    private final EnricherMetrics metrics;

    /** {@code metrics.inWork()} counts each checkout from decoding until its outcome is durable. */
    public RecordProcessor(CapturedDecoder decoder, CheckoutEnricher enricher, OutcomePublisher publisher,
            DeadLetters deadLetters, CheckoutTracing tracing, EnricherMetrics metrics) {
        this.decoder = decoder;
        this.enricher = enricher;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.tracing = tracing;
        this.inWork = metrics.inWork();
        this.metrics = metrics;
    }

    /**
     * A record the registry cannot be asked about fails with {@link RegistryValues.RegistryUnavailable}: the
     * engine keeps it (and its checkout's later records) waiting and tries again; only a record that is bad
     * goes to the dead-letter topic.
     */
    public CompletableFuture<Void> process(ConsumerRecord<String, byte[]> record) {
        AmazonCheckoutCaptured captured;
        try {
            captured = decoder.decode(record);
        } catch (RegistryValues.Undecodable e) {
            log.warn("record {}-{}@{} (key {}) cannot be read, sent to the dead-letter topic: {}",
                    record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
            return deadLettered(deadLetters.send(record, e));
        }
        SourceRecord source = new SourceRecord(record.topic(), record.partition(), record.offset());
        List<CompletableFuture<Void>> retryingSent = new CopyOnWriteArrayList<>();
        CompletableFuture<Outcome> outcome;
        try {
            // the first retry is announced from a timer thread: in this checkout's trace all the same
            outcome = enricher.enrich(captured,
                    tracing.bind(() -> retryingSent.add(publisher.retrying(captured, source))));
        } catch (TokenCipher.TokenCipherException e) {
            log.warn("checkout {}: access token cannot be decrypted: sent to the dead-letter topic", captured.getCheckoutId());
            return deadLettered(deadLetters.send(record, e, Optional.of(unreadable(captured))));
        }
        CompletableFuture<Void> done = outcome
                .thenCompose(decided -> tracing.keep(publisher.publish(captured, decided, source))
                        .thenRun(() -> logOutcome(captured, decided)))
                .thenCompose(published -> CompletableFuture.allOf(retryingSent.toArray(CompletableFuture[]::new)));
        return inWork.hold(captured.getCapturedAt(), done);
    }

    private CompletableFuture<Void> deadLettered(CompletableFuture<Void> sent) {
        return sent.thenRun(metrics::deadLettered);
    }

    private static UnreadableCheckout unreadable(AmazonCheckoutCaptured captured) {
        boolean order = captured.getKind() == CheckoutKind.ORDER;
        return new UnreadableCheckout(captured.getCheckoutId(), captured.getKind(),
                order ? null : captured.getUpsell().getUpsellId(), order ? null : captured.getUpsell().getProductId(),
                captured.getAttempt());
    }

    private static void logOutcome(AmazonCheckoutCaptured captured, Outcome outcome) {
        String what = captured.getUpsell() == null ? "order" : "upsell " + captured.getUpsell().getUpsellId();
        if (outcome instanceof Outcome.Declined declined) {
            log.info("checkout {} {} declined: {} {}", captured.getCheckoutId(), what, declined.declineClass(),
                    declined.reason());
        } else {
            log.info("checkout {} {} enriched", captured.getCheckoutId(), what);
        }
    }
}
