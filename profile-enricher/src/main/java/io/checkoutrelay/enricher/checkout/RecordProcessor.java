package io.checkoutrelay.enricher.checkout;

import io.checkoutrelay.enricher.metrics.CheckoutsInWork;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.token.TokenCipher;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one input record to durable output: decode, enrich, publish. The future completes when
 * everything this record produced (RETRYING status, enriched or declined record, final status, or
 * the dead letter) is acknowledged by the broker; it fails only when publishing failed. Running it
 * twice for the same record is harmless: the outputs are keyed by checkoutId and the same again.
 */
public class RecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(RecordProcessor.class);

    private final CapturedDecoder decoder;
    private final CheckoutEnricher enricher;
    private final OutcomePublisher publisher;
    private final DeadLetters deadLetters;
    private final CheckoutsInWork inWork;

    public RecordProcessor(CapturedDecoder decoder, CheckoutEnricher enricher, OutcomePublisher publisher,
            DeadLetters deadLetters) {
        this(decoder, enricher, publisher, deadLetters, null);
    }

    /** {@code inWork} (may be null) counts each checkout from decoding until its outcome is durable. */
    public RecordProcessor(CapturedDecoder decoder, CheckoutEnricher enricher, OutcomePublisher publisher,
            DeadLetters deadLetters, CheckoutsInWork inWork) {
        this.decoder = decoder;
        this.enricher = enricher;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.inWork = inWork;
    }

    public CompletableFuture<Void> process(ConsumerRecord<String, byte[]> record) {
        AmazonCheckoutCaptured captured;
        try {
            captured = decoder.decode(record);
        } catch (RuntimeException e) {
            log.warn("record {}-{}@{} cannot be read ({}): sent to the dead-letter topic",
                    record.topic(), record.partition(), record.offset(), e.getClass().getSimpleName());
            return deadLetters.publish(record, e);
        }
        SourceRecord source = new SourceRecord(record.topic(), record.partition(), record.offset());
        List<CompletableFuture<Void>> retryingSent = new CopyOnWriteArrayList<>();
        CompletableFuture<Outcome> outcome;
        try {
            outcome = enricher.enrich(captured, () -> retryingSent.add(publisher.retrying(captured)));
        } catch (TokenCipher.TokenCipherException e) {
            log.warn("checkout {}: access token cannot be decrypted: sent to the dead-letter topic", captured.getCheckoutId());
            return deadLetters.publish(record, e);
        }
        CompletableFuture<Void> done = outcome
                .thenCompose(decided -> publisher.publish(captured, decided, source))
                .thenCompose(published -> CompletableFuture.allOf(retryingSent.toArray(CompletableFuture[]::new)));
        return inWork == null ? done : inWork.hold(captured.getCapturedAt(), done);
    }
}
