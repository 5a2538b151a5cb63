package io.checkoutrelay.importer.consumer;


import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.Optional;

import io.checkoutrelay.importer.flow.Importer;
import io.checkoutrelay.importer.flow.Work;
import io.checkoutrelay.keyed.UnreadableCheckout;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.AmazonCheckoutEnriched;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.serde.RegistryValues;
import io.checkoutrelay.schemas.token.TokenCipher;

/**
 * Turns an input record into {@link Work}, or says why it never can be (a poison record): not Avro
 * of the expected schema, or missing what the import needs, or a token that does not decrypt. A
 * registry that cannot be asked is not the record's fault: {@link RegistryValues.RegistryUnavailable}
 * goes through, and the record waits.
 */
public final class RecordDecoder {

    private final RegistryValues values;
    private final TokenCipher cipher;

    public RecordDecoder(RegistryValues values, TokenCipher cipher) {
        this.values = values;
        this.cipher = cipher;
    }

    Work decode(ConsumerRecord<String, byte[]> record) {
        AmazonCheckoutEnriched enriched;
        try {
            enriched = values.read(record.topic(), record.value(), AmazonCheckoutEnriched.class);
        } catch (RegistryValues.Undecodable e) {
            throw new PoisonRecord("value is not a readable AmazonCheckoutEnriched: " + e.getMessage(), null);
        }
        AmazonCheckoutCaptured captured = enriched.getCaptured();
        if (captured == null || captured.getAmazon() == null || captured.getAmazon().getAccessToken() == null) {
            throw new PoisonRecord("checkout " + enriched.getCheckoutId() + " has no encrypted access token", null);
        }
        if (captured.getKind() == CheckoutKind.ORDER && (captured.getOrder() == null || enriched.getBuyer() == null
                || captured.getOrder().getProducts().isEmpty())) {
            throw new PoisonRecord("order checkout " + enriched.getCheckoutId() + " lacks its order, products or buyer",
                    null);
        }
        if (captured.getKind() == CheckoutKind.UPSELL && captured.getUpsell() == null) {
            throw new PoisonRecord("upsell checkout " + enriched.getCheckoutId() + " lacks its upsell", null);
        }
        String token;
        try {
            token = cipher.decrypt(captured.getAmazon().getAccessToken(), enriched.getCheckoutId());
        } catch (TokenCipher.TokenCipherException e) {
            throw new PoisonRecord(e.getMessage(), checkout(enriched));
        }
        return new Work(record.topic(), record.partition(), record.offset(), enriched, token,
                Importer.tokenDeadline(captured.getCapturedAt(), enriched.getTokenExpiresAt()));
    }

    private static UnreadableCheckout checkout(AmazonCheckoutEnriched enriched) {
        AmazonCheckoutCaptured captured = enriched.getCaptured();
        boolean order = captured.getKind() == CheckoutKind.ORDER;
        return new UnreadableCheckout(enriched.getCheckoutId(), captured.getKind(),
                order ? null : captured.getUpsell().getUpsellId(), order ? null : captured.getUpsell().getProductId(),
                captured.getAttempt());
    }

    /**
     * A record that can never be processed; its message holds no token or key. {@code checkout} is what
     * is known of it when it was read (null: only its key is).
     */
    static final class PoisonRecord extends RuntimeException {
        private final transient UnreadableCheckout checkout;

        PoisonRecord(String message, UnreadableCheckout checkout) {
            super(message);
            this.checkout = checkout;
        }

        Optional<UnreadableCheckout> checkout(String key) {
            return checkout != null ? Optional.of(checkout) : UnreadableCheckout.fromKey(key);
        }
    }

}
