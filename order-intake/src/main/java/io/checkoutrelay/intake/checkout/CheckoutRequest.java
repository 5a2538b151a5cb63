package io.checkoutrelay.intake.checkout;

import java.util.List;

/** A valid POST /v1/checkouts body. Optional fields are null when absent. */
public record CheckoutRequest(long campaignId, List<ProductRequest> products, AmazonAuthorization amazon,
                              String sessionId, String phoneNumber, String ipAddress, String couponCode,
                              String affId, String salesUrl) {
}
