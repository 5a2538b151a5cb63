package io.checkoutrelay.schemas.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckoutIdsTest {

    @Test
    void isTheRfc4122NameBasedUuidOfTheOrderReference() {
        // expected values computed independently with Python's uuid.uuid5 and the same namespace
        assertThat(CheckoutIds.checkoutId("S01-1234567-1234567")).isEqualTo("47a71c6f-f747-56d9-8baa-4ee5c8300a77");
        assertThat(UUID.fromString(CheckoutIds.checkoutId("S01-1234567-1234567")).version()).isEqualTo(5);
    }

    @Test
    void theSameReferenceAlwaysGivesTheSameIdAndDifferentOnesDiffer() {
        assertThat(CheckoutIds.checkoutId("S01-1111111-1111111")).isEqualTo(CheckoutIds.checkoutId("S01-1111111-1111111"))
                .isNotEqualTo(CheckoutIds.checkoutId("S01-1111111-1111112"));
    }

    @Test
    void upsellsSharingOneReferenceAreToldApartByKeyOrProduct() {
        String checkoutId = CheckoutIds.checkoutId("B01-1111111-1111111");
        assertThat(CheckoutIds.upsellIdForKey(checkoutId, "k1")).isEqualTo(CheckoutIds.upsellIdForKey(checkoutId, "k1"))
                .isNotEqualTo(CheckoutIds.upsellIdForKey(checkoutId, "k2"))
                .isNotEqualTo(CheckoutIds.upsellIdForKey(CheckoutIds.checkoutId("B01-1111111-1111112"), "k1"));
        assertThat(CheckoutIds.upsellIdForReference(checkoutId, "B01-1111111-1111111", 205))
                .isEqualTo(CheckoutIds.upsellIdForReference(checkoutId, "B01-1111111-1111111", 205))
                .isNotEqualTo(CheckoutIds.upsellIdForReference(checkoutId, "B01-1111111-1111111", 206))
                // an upsell paid with the order's own reference still has an id of its own
                .isNotEqualTo(checkoutId);
        assertThat(UUID.fromString(CheckoutIds.upsellIdForKey(checkoutId, "k1")).version()).isEqualTo(5);
    }
}
