package io.checkoutrelay.schemas.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckoutIdsTest {

    @Test
    void isTheRfc4122NameBasedUuidOfTheOrderReference() {
        // expected values computed independently with Python's uuid.uuid5 and the same namespace
        assertThat(CheckoutIds.checkoutId("S01-1234567-1234567")).isEqualTo("47a71c6f-f747-56d9-8baa-4ee5c8300a77");
        assertThat(CheckoutIds.upsellId("S01-7654321-7654321")).isEqualTo("5c5a760b-9116-5dfa-8964-3602addcda98");
        assertThat(UUID.fromString(CheckoutIds.checkoutId("S01-1234567-1234567")).version()).isEqualTo(5);
    }

    @Test
    void theSameReferenceAlwaysGivesTheSameIdAndDifferentOnesDiffer() {
        assertThat(CheckoutIds.checkoutId("S01-1111111-1111111")).isEqualTo(CheckoutIds.checkoutId("S01-1111111-1111111"))
                .isNotEqualTo(CheckoutIds.checkoutId("S01-1111111-1111112"));
        // an upsell paid with the same reference as an order still has an id of its own
        assertThat(CheckoutIds.upsellId("S01-1111111-1111111")).isNotEqualTo(CheckoutIds.checkoutId("S01-1111111-1111111"));
    }
}
