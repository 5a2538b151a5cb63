package io.checkoutrelay.enricher.checkout;

import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutKind;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns the raw bytes of an input record into an {@link AmazonCheckoutCaptured}, or says why it
 * cannot (no value, no registered schema, another type, order/upsell part missing). The consumer
 * reads bytes so that a bad record still has its original bytes for the dead-letter topic.
 */
public class CapturedDecoder implements AutoCloseable {

    private final Deserializer<Object> avro;

    public CapturedDecoder(Deserializer<Object> avro, Map<String, Object> configs) {
        this.avro = avro;
        this.avro.configure(configs, false);
    }

    public AmazonCheckoutCaptured decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null || record.value().length == 0) {
            throw new UndecodableRecord("record has no value");
        }
        Object value = avro.deserialize(record.topic(), record.headers(), record.value());
        if (!(value instanceof AmazonCheckoutCaptured captured)) {
            throw new UndecodableRecord("value is " + (value == null ? "null" : value.getClass().getName())
                    + ", not AmazonCheckoutCaptured");
        }
        if (captured.getKind() == CheckoutKind.ORDER && captured.getOrder() == null) {
            throw new UndecodableRecord("kind ORDER without order");
        }
        if (captured.getKind() == CheckoutKind.UPSELL && captured.getUpsell() == null) {
            throw new UndecodableRecord("kind UPSELL without upsell");
        }
        return captured;
    }

    @Override
    public void close() {
        avro.close();
    }

    /** An input record that can never be processed. */
    public static final class UndecodableRecord extends RuntimeException {
        public UndecodableRecord(String message) {
            super(message);
        }
    }
}
