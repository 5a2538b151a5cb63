package io.checkoutrelay.enricher.support;

import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.AmazonPayment;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.OrderRequest;
import io.checkoutrelay.schemas.ProductLine;
import io.checkoutrelay.schemas.UpsellRequest;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import io.checkoutrelay.schemas.token.TokenCipher;
import io.checkoutrelay.schemas.token.TokenKeyRing;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Captured checkouts as order-intake writes them, with tokens encrypted under the test key. */
public final class TestCheckouts {

    public static final String TOKEN_KEYS = "t1:" + Base64.getEncoder().encodeToString(new byte[32]);
    public static final String CLIENT_ID = "amzn1.application-oa2-client.checkout-relay-test";
    public static final long BILLER = 7;

    private static final TokenCipher CIPHER = new TokenCipher(TokenKeyRing.parse(TOKEN_KEYS));

    private TestCheckouts() {
    }

    /** A token that starts like Amazon's and carries {@code marker} for the stubs; unique per call. */
    public static String token(String marker) {
        return "Atza|IwEB+" + marker + "/" + UUID.randomUUID() + "=&x";
    }

    public static AmazonCheckoutCaptured order(String token) {
        return order(token, BILLER, Instant.now());
    }

    public static AmazonCheckoutCaptured order(String token, long billerId, Instant capturedAt) {
        String reference = "S01-" + UUID.randomUUID();
        String checkoutId = CheckoutIds.checkoutId(reference);
        return AmazonCheckoutCaptured.newBuilder()
                .setCheckoutId(checkoutId)
                .setKind(CheckoutKind.ORDER)
                .setAttempt(1)
                .setCapturedAt(capturedAt)
                .setAmazon(payment(billerId, reference, token, checkoutId))
                .setOrder(OrderRequest.newBuilder().setCampaignId(12)
                        .setProducts(List.of(ProductLine.newBuilder().setProductId(101).setQuantity(1)
                                .setPrice(new BigDecimal("29.95").setScale(2)).build()))
                        .build())
                .build();
    }

    public static AmazonCheckoutCaptured upsell(AmazonCheckoutCaptured order, String token) {
        String reference = "S01-" + UUID.randomUUID();
        return AmazonCheckoutCaptured.newBuilder()
                .setCheckoutId(order.getCheckoutId())
                .setKind(CheckoutKind.UPSELL)
                .setAttempt(1)
                .setCapturedAt(Instant.now())
                .setAmazon(payment(order.getAmazon().getBillerId(), reference, token, order.getCheckoutId()))
                .setUpsell(UpsellRequest.newBuilder().setUpsellId(CheckoutIds.upsellIdForReference(order.getCheckoutId(), reference, 205))
                        .setProductId(205).setQuantity(1).build())
                .build();
    }

    private static AmazonPayment payment(long billerId, String reference, String token, String checkoutId) {
        return AmazonPayment.newBuilder().setBillerId(billerId).setOrderReferenceId(reference).setRecurring(false)
                .setAccessToken(token == null ? null : CIPHER.encrypt(token, checkoutId)).build();
    }
}
