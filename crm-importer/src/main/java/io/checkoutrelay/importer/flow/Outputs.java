package io.checkoutrelay.importer.flow;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.OrderImported;
import io.checkoutrelay.schemas.topic.Topics;

/**
 * Publishes the importer's results, each in the trace of its checkout; each future completes when the
 * broker acknowledged the record, and what follows it runs in the sender's trace and log context.
 */
public class Outputs {

    private final Producer<String, Object> producer;
    private final CheckoutTracing tracing;

    public Outputs(Producer<String, Object> producer, CheckoutTracing tracing) {
        this.producer = producer;
        this.tracing = tracing;
    }

    public CompletableFuture<Void> imported(OrderImported imported, CheckoutStatusChanged status) {
        return send(Topics.ORDER_IMPORTED.name(), imported.getCheckoutId(), imported)
                .thenCombine(status(status), (a, b) -> null);
    }

    public CompletableFuture<Void> declined(OrderDeclined declined, CheckoutStatusChanged status) {
        return send(Topics.ORDER_DECLINED.name(), declined.getCheckoutId(), declined)
                .thenCombine(status(status), (a, b) -> null);
    }

    public CompletableFuture<Void> status(CheckoutStatusChanged status) {
        String key = status.getKind() == CheckoutKind.UPSELL
                ? Topics.upsellStatusKey(status.getCheckoutId(), status.getUpsellId())
                : status.getCheckoutId();
        return send(Topics.CHECKOUT_STATUS.name(), key, status);
    }

    private CompletableFuture<Void> send(String topic, String key, Object value) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, value);
        tracing.inject(record.headers());
        CompletableFuture<Void> sent = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                sent.completeExceptionally(error);
            } else {
                sent.complete(null);
            }
        });
        return tracing.keep(sent);
    }
}
