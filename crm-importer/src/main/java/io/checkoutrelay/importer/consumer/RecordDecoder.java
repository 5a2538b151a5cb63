package io.checkoutrelay.importer.consumer;


import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import io.checkoutrelay.importer.flow.Importer;
import io.checkoutrelay.importer.flow.Work;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.AmazonCheckoutEnriched;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.token.TokenCipher;

/**
 * Turns an input record into {@link Work}, or says why it never can be (a poison record): not Avro
 * of the expected schema, or missing what the import needs, or a token that does not decrypt.
 */
public final class RecordDecoder {

    private final Deserializer<Object> avro;
    private final TokenCipher cipher;

    public RecordDecoder(Deserializer<Object> avro, TokenCipher cipher) {
        this.avro = avro;
        this.cipher = cipher;
    }

    Work decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonRecord("record has no value");
        }
        Object value;
        try {
            value = avro.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            throw new PoisonRecord("value is not a readable AmazonCheckoutEnriched: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
        if (!(value instanceof AmazonCheckoutEnriched enriched)) {
            throw new PoisonRecord("value is a " + (value == null ? "null" : value.getClass().getSimpleName())
                    + ", not an AmazonCheckoutEnriched");
        }
        AmazonCheckoutCaptured captured = enriched.getCaptured();
        if (captured == null || captured.getAmazon() == null || captured.getAmazon().getAccessToken() == null) {
            throw new PoisonRecord("checkout " + enriched.getCheckoutId() + " has no encrypted access token");
        }
        if (captured.getKind() == CheckoutKind.ORDER && (captured.getOrder() == null || enriched.getBuyer() == null
                || captured.getOrder().getProducts().isEmpty())) {
            throw new PoisonRecord("order checkout " + enriched.getCheckoutId() + " lacks its order, products or buyer");
        }
        if (captured.getKind() == CheckoutKind.UPSELL && captured.getUpsell() == null) {
            throw new PoisonRecord("upsell checkout " + enriched.getCheckoutId() + " lacks its upsell");
        }
        String token;
        try {
            token = cipher.decrypt(captured.getAmazon().getAccessToken(), enriched.getCheckoutId());
        } catch (TokenCipher.TokenCipherException e) {
            throw new PoisonRecord(e.getMessage());
        }
        return new Work(record.topic(), record.partition(), record.offset(), enriched, token,
                Importer.tokenDeadline(captured.getCapturedAt(), enriched.getTokenExpiresAt()));
    }

    /** A record that can never be processed; its message holds no token or key. */
    static final class PoisonRecord extends RuntimeException {
        PoisonRecord(String message) {
            super(message);
        }
    }

}
