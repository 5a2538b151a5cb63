package io.checkoutrelay.importer.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.AmazonCheckoutEnriched;
import io.checkoutrelay.schemas.AmazonPayment;
import io.checkoutrelay.schemas.Buyer;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.OrderRequest;
import io.checkoutrelay.schemas.ProductLine;
import io.checkoutrelay.schemas.UpsellRequest;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import io.checkoutrelay.schemas.token.TokenCipher;
import io.checkoutrelay.schemas.token.TokenKeyRing;

/** Enriched records as profile-enricher writes them, with tokens encrypted under the test key. */
public final class TestCheckouts {

    public static final String TOKEN_KEYS = "test1:" + Base64.getEncoder().encodeToString(new byte[32]);
    public static final long CAMPAIGN = 12;
    public static final long BILLER = 7;
    private final TokenCipher cipher = new TokenCipher(TokenKeyRing.parse(TOKEN_KEYS));

    /** A checkout being built: its reference, id and token. */
    public record Checkout(String orderReferenceId, String checkoutId, String token) {
    }

    public static Checkout newCheckout() {
        String reference = "S01-" + UUID.randomUUID().toString().substring(0, 18);
        return new Checkout(reference, CheckoutIds.checkoutId(reference), "Atza|IwEB-" + UUID.randomUUID());
    }

    public static ProductLine line(long productId, int quantity, String price) {
        return ProductLine.newBuilder().setProductId(productId).setQuantity(quantity)
                .setPrice(price == null ? null : new BigDecimal(price).setScale(2)).build();
    }

    public AmazonCheckoutEnriched order(Checkout checkout, int attempt, List<ProductLine> products) {
        return order(checkout, attempt, products, now().plus(55, ChronoUnit.MINUTES));
    }

    public AmazonCheckoutEnriched order(Checkout checkout, int attempt, List<ProductLine> products,
            Instant tokenExpiresAt) {
        OrderRequest order = OrderRequest.newBuilder().setCampaignId(CAMPAIGN).setProducts(products)
                .setSessionId("s-" + checkout.checkoutId().substring(0, 8)).setPhoneNumber("5551234567").setIpAddress("203.0.113.9")
                .setCouponCode("SAVE10").setAffId("aff-3").setSalesUrl("https://lander.example/p1").build();
        AmazonCheckoutCaptured captured = AmazonCheckoutCaptured.newBuilder().setCheckoutId(checkout.checkoutId())
                .setKind(CheckoutKind.ORDER).setAttempt(attempt).setCapturedAt(now())
                .setAmazon(payment(checkout.orderReferenceId(), checkout.token(), checkout.checkoutId()))
                .setOrder(order).build();
        Buyer buyer = Buyer.newBuilder().setAmazonUserId("amzn1.account.TEST").setName("Jane Q Doe")
                .setFirstName("Jane").setLastName("Q Doe").setEmail("jane@example.com").build();
        return AmazonCheckoutEnriched.newBuilder().setCheckoutId(checkout.checkoutId()).setCaptured(captured)
                .setBuyer(buyer).setTokenExpiresAt(tokenExpiresAt).setEnrichedAt(now()).build();
    }

    /** An upsell with its own Amazon order reference and token, on the checkout's order. */
    public static String upsellToken(Checkout checkout) {
        return checkout.token() + "-upsell";
    }

    public AmazonCheckoutEnriched upsell(Checkout checkout, String upsellReference, long productId, String price) {
        return upsell(checkout, upsellReference, productId, price, 1);
    }

    /** The same upsell as a later attempt (the intake's resubmission after a CUSTOMER_ACTION decline). */
    public AmazonCheckoutEnriched upsell(Checkout checkout, String upsellReference, long productId, String price,
            int attempt) {
        String upsellToken = upsellToken(checkout);
        UpsellRequest upsell = UpsellRequest.newBuilder().setUpsellId(CheckoutIds.upsellIdForReference(checkout.checkoutId(), upsellReference, productId))
                .setProductId(productId).setQuantity(1)
                .setPrice(price == null ? null : new BigDecimal(price).setScale(2)).build();
        AmazonCheckoutCaptured captured = AmazonCheckoutCaptured.newBuilder().setCheckoutId(checkout.checkoutId())
                .setKind(CheckoutKind.UPSELL).setAttempt(attempt).setCapturedAt(now())
                .setAmazon(payment(upsellReference, upsellToken, checkout.checkoutId())).setUpsell(upsell).build();
        return AmazonCheckoutEnriched.newBuilder().setCheckoutId(checkout.checkoutId()).setCaptured(captured)
                .setTokenExpiresAt(now().plus(55, ChronoUnit.MINUTES)).setEnrichedAt(now()).build();
    }

    private AmazonPayment payment(String reference, String token, String checkoutId) {
        return AmazonPayment.newBuilder().setBillerId(BILLER).setOrderReferenceId(reference).setRecurring(false)
                .setAccessToken(cipher.encrypt(token, checkoutId)).build();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
