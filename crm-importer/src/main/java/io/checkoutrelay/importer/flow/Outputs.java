package io.checkoutrelay.importer.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.checkoutrelay.importer.ledger.Ledger;
import io.checkoutrelay.importer.ledger.LedgerEntry;
import io.checkoutrelay.keyed.Outbox;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.OrderImported;
import io.checkoutrelay.schemas.topic.Topics;

/**
 * Writes the importer's results through the keyed consumer's outbox, each record in the trace of its
 * checkout. A settled outcome (the result event, its status and the ledger's final state) is one Kafka
 * transaction with the input record's offset: downstream sees exactly one result per checkout attempt,
 * and a crash keeps all of it or none (then the record runs again and finds the ledger as it was).
 * Each future completes once the transaction is committed; what follows runs in the writer's context.
 */
public class Outputs {

    private final Outbox outbox;
    private final Ledger ledger;
    private final CheckoutTracing tracing;

    public Outputs(Outbox outbox, Ledger ledger, CheckoutTracing tracing) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.tracing = tracing;
    }

    /** {@code ledgerState}: the checkout's ledger entry after this outcome, or null when it has none. */
    public CompletableFuture<Void> imported(Work work, OrderImported imported, CheckoutStatusChanged status,
            LedgerEntry ledgerState) {
        return settle(work, record(Topics.ORDER_IMPORTED.name(), imported.getCheckoutId(), imported), status,
                ledgerState);
    }

    public CompletableFuture<Void> declined(Work work, OrderDeclined declined, CheckoutStatusChanged status,
            LedgerEntry ledgerState) {
        return settle(work, record(Topics.ORDER_DECLINED.name(), declined.getCheckoutId(), declined), status,
                ledgerState);
    }

    /** A status change while the record is in work (IMPORTING, RETRYING). */
    public CompletableFuture<Void> status(Work work, CheckoutStatusChanged status) {
        return tracing.keep(outbox.write(work.partition(), List.of(statusRecord(status))));
    }

    private CompletableFuture<Void> settle(Work work, ProducerRecord<String, Object> result,
            CheckoutStatusChanged status, LedgerEntry ledgerState) {
        List<ProducerRecord<String, Object>> records = new ArrayList<>(List.of(result, statusRecord(status)));
        if (ledgerState != null) {
            records.add(ledger.record(work.partition(), ledgerState));
        }
        return tracing.keep(outbox.finish(work.partition(), work.offset(), records)).thenRun(() -> {
            if (ledgerState != null) {
                ledger.remember(work.partition(), ledgerState);
            }
        });
    }

    private ProducerRecord<String, Object> statusRecord(CheckoutStatusChanged status) {
        String key = status.getKind() == CheckoutKind.UPSELL
                ? Topics.upsellStatusKey(status.getCheckoutId(), status.getUpsellId())
                : status.getCheckoutId();
        return record(Topics.CHECKOUT_STATUS.name(), key, status);
    }

    private ProducerRecord<String, Object> record(String topic, String key, SpecificRecord value) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, value);
        tracing.inject(record.headers());
        return record;
    }
}
