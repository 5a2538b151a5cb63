package io.checkoutrelay.importer.consumer;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.checkoutrelay.importer.flow.BeyondLedgerHorizon;
import io.checkoutrelay.importer.flow.Importer;
import io.checkoutrelay.keyed.DeadLetters;
import io.checkoutrelay.keyed.PartitionLease;
import io.checkoutrelay.keyed.RecordHandler;
import io.checkoutrelay.observability.trace.CheckoutTracing;

/**
 * What the importer does with one record of amazon.checkout.enriched.v1 (the keyed consumer runs it,
 * one checkout's records in order): decode it and import it, or send it to the dead-letter topic when
 * it can never be imported (with a DECLINED status for its checkout). A registry that cannot be asked
 * fails the run: the engine keeps the record waiting. Each run is a span in the checkout's trace.
 */
public final class EnrichedRecords implements RecordHandler {

    private static final Logger log = LoggerFactory.getLogger(EnrichedRecords.class);

    private final RecordDecoder decoder;
    private final DeadLetters deadLetters;
    private final Importer importer;
    private final PartitionLease lease;
    private final CheckoutTracing tracing;

    public EnrichedRecords(RecordDecoder decoder, DeadLetters deadLetters, Importer importer, PartitionLease lease,
            CheckoutTracing tracing) {
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.importer = importer;
        this.lease = lease;
        this.tracing = tracing;
    }

    @Override
    public CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record) {
        return tracing.inRecordSpan(record, "import order", this::process);
    }

    private CompletableFuture<Void> process(ConsumerRecord<String, byte[]> record) {
        try {
            lease.requireOwned(record.partition());
            return importer.importRecord(decoder.decode(record));
        } catch (RecordDecoder.PoisonRecord poison) {
            log.warn("record {}-{}@{} (key {}) sent to the dead-letter topic: {}", record.topic(), record.partition(),
                    record.offset(), record.key(), poison.getMessage());
            return deadLetters.send(record, poison, poison.checkout(record.key()));
        } catch (BeyondLedgerHorizon forgotten) { // no status: the checkout may well be IMPORTED
            log.warn("record {}-{}@{} (key {}) sent to the dead-letter topic: {}", record.topic(), record.partition(),
                    record.offset(), record.key(), forgotten.getMessage());
            return deadLetters.send(record, forgotten, java.util.Optional.empty());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
