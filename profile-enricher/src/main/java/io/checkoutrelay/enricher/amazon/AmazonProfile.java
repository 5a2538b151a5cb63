package io.checkoutrelay.enricher.amazon;

/** user/profile's answer; {@code postalCode} is null unless that scope was granted. */
public record AmazonProfile(String userId, String name, String email, String postalCode) {
}
