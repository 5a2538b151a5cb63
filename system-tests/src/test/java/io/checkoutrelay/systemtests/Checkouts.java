package io.checkoutrelay.systemtests;

import io.checkoutrelay.schemas.identity.CheckoutIds;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Test checkouts as a lander would post them; each call makes a fresh Amazon order reference. */
final class Checkouts {

    private Checkouts() {
    }

    static String newOrderReference() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("S01-%07d-%07d", random.nextInt(10_000_000), random.nextInt(10_000_000));
    }

    /** An access token as Login with Amazon hands it out; {@code marker} scripts the sandbox (see sandbox/README.md). */
    static String token(String marker) {
        return "Atza|IwEBIsystemtest-" + UUID.randomUUID() + (marker.isEmpty() ? "" : "-" + marker);
    }

    static String checkoutId(String orderReference) {
        return CheckoutIds.checkoutId(orderReference);
    }

    static String order(String orderReference, String token, long... productIds) {
        StringBuilder products = new StringBuilder();
        for (long productId : productIds) {
            products.append(products.isEmpty() ? "" : ",")
                    .append("{\"productId\":").append(productId).append(",\"quantity\":1,\"price\":\"29.95\"}");
        }
        return """
                {"campaignId": 12,
                 "products": [%s],
                 "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s", "recurring": false},
                 "customer": {"phoneNumber": "2065550100"},
                 "salesUrl": "https://lander.example/serum"}
                """.formatted(products, orderReference, token);
    }

    static String upsell(String orderReference, String token, long productId) {
        return """
                {"productId": %d, "quantity": 1, "price": "9.95",
                 "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s"}}
                """.formatted(productId, orderReference, token);
    }
}
