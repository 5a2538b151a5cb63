package io.checkoutrelay.enricher.support;

import io.checkoutrelay.schemas.AmazonCheckoutEnriched;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.OrderDeclined;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** One record the service wrote, as a downstream consumer sees it. */
public record Output(String topic, String key, int partition, long offset, byte[] raw, Object value, Headers headers,
        long receivedNanos) {

    public String checkoutId() {
        if (value instanceof AmazonCheckoutEnriched e) {
            return e.getCheckoutId();
        }
        if (value instanceof OrderDeclined d) {
            return d.getCheckoutId();
        }
        if (value instanceof CheckoutStatusChanged s) {
            return s.getCheckoutId();
        }
        return key;
    }

    public String header(String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public AmazonCheckoutEnriched enriched() {
        return (AmazonCheckoutEnriched) value;
    }

    public OrderDeclined declined() {
        return (OrderDeclined) value;
    }

    public CheckoutStatusChanged status() {
        return (CheckoutStatusChanged) value;
    }
}
