package io.checkoutrelay.intake.support;

import java.util.concurrent.ThreadLocalRandom;

/** Request bodies of the contract, with a fresh Amazon order reference id each time. */
public final class Checkouts {

    public static final String TOKEN = "Atza|IwEBIJ-test-token-0123456789abcdefghijklmnopqrstuvwxyz";

    private Checkouts() {
    }

    public static String newOrderReferenceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("S01-%07d-%07d", r.nextInt(10_000_000), r.nextInt(10_000_000));
    }

    public static String order(String orderReferenceId) {
        return order(orderReferenceId, TOKEN);
    }

    public static String order(String orderReferenceId, String token) {
        return """
                {"campaignId": 12,
                 "products": [{"productId": 101, "quantity": 2, "price": "29.95"}, {"productId": 102}],
                 "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s", "recurring": false},
                 "sessionId": "sess-42", "customer": {"phoneNumber": "+1 555 0100"},
                 "couponCode": "SAVE10", "affId": "aff_7", "salesUrl": "https://lander.example/p/1",
                 "someFutureField": {"ignored": true}}
                """.formatted(orderReferenceId, token);
    }

    public static String upsell(String orderReferenceId) {
        return """
                {"productId": 205, "quantity": 1, "price": "9.95", "replaceProductId": null,
                 "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s"}}
                """.formatted(orderReferenceId, TOKEN);
    }
}
