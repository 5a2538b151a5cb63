package io.checkoutrelay.enricher.checkout;

import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.serde.RegistryValues;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns the raw bytes of an input record into an {@link AmazonCheckoutCaptured}, or says why it
 * cannot: {@link RegistryValues.Undecodable} when the record is bad (no value, not the wire format, a
 * schema id the registry does not know, bytes that do not parse, another type, order/upsell part
 * missing), {@link RegistryValues.RegistryUnavailable} when the registry cannot be asked (the record
 * then waits). The consumer reads bytes so that a bad record still has its original bytes for the
 * dead-letter topic.
 */
public class CapturedDecoder implements AutoCloseable {

    private final RegistryValues values;

    public CapturedDecoder(RegistryValues values) {
        this.values = values;
    }

    public AmazonCheckoutCaptured decode(ConsumerRecord<String, byte[]> record) {
        AmazonCheckoutCaptured captured = values.read(record.topic(), record.value(), AmazonCheckoutCaptured.class);
        if (captured.getKind() == CheckoutKind.ORDER && captured.getOrder() == null) {
            throw new RegistryValues.Undecodable("kind ORDER without order");
        }
        if (captured.getKind() == CheckoutKind.UPSELL && captured.getUpsell() == null) {
            throw new RegistryValues.Undecodable("kind UPSELL without upsell");
        }
        return captured;
    }

    @Override
    public void close() {
        values.close();
    }
}
