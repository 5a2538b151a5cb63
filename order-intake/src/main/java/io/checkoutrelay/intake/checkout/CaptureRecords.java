package io.checkoutrelay.intake.checkout;

import io.checkoutrelay.intake.pricing.ClientPricePolicy.PricedOrder;
import io.checkoutrelay.intake.pricing.ClientPricePolicy.PricedUpsell;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.AmazonPayment;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.OrderRequest;
import io.checkoutrelay.schemas.ProductLine;
import io.checkoutrelay.schemas.UpsellRequest;
import io.checkoutrelay.schemas.token.TokenCipher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/** Builds the Avro records of an accepted order or upsell; the token is encrypted here, bound to the checkoutId. */
@Component
public class CaptureRecords {

    public static final String CHANGED_BY = "order-intake";

    private final TokenCipher cipher;
    private final Clock clock;

    public CaptureRecords(TokenCipher cipher) {
        this.cipher = cipher;
        this.clock = Clock.systemUTC();
    }

    public AmazonCheckoutCaptured order(String checkoutId, int attempt, PricedOrder priced, String clientIp,
                                        String landerOrigin) {
        CheckoutRequest request = priced.order();
        OrderRequest order = OrderRequest.newBuilder()
                .setCampaignId(request.campaignId())
                .setProducts(request.products().stream().map(p -> ProductLine.newBuilder()
                        .setProductId(p.productId()).setQuantity(p.quantity()).setPrice(p.price()).build()).toList())
                .setSessionId(request.sessionId())
                .setPhoneNumber(request.phoneNumber())
                .setIpAddress(request.ipAddress() != null ? request.ipAddress() : clientIp)
                .setCouponCode(request.couponCode())
                .setAffId(request.affId())
                .setSalesUrl(request.salesUrl())
                .build();
        return AmazonCheckoutCaptured.newBuilder()
                .setCheckoutId(checkoutId).setKind(CheckoutKind.ORDER).setAttempt(attempt)
                .setCapturedAt(now()).setAmazon(payment(checkoutId, request.amazon()))
                .setOrder(order).setUpsell(null).setLanderOrigin(landerOrigin)
                .setClientPrices(priced.clientPrices()).build();
    }

    public AmazonCheckoutCaptured upsell(String checkoutId, String upsellId, int attempt, PricedUpsell priced,
                                         String landerOrigin) {
        UpsellPost post = priced.upsell();
        UpsellRequest upsell = UpsellRequest.newBuilder().setUpsellId(upsellId).setProductId(post.productId())
                .setQuantity(post.quantity()).setPrice(post.price()).setReplaceProductId(post.replaceProductId())
                .build();
        return AmazonCheckoutCaptured.newBuilder()
                .setCheckoutId(checkoutId).setKind(CheckoutKind.UPSELL).setAttempt(attempt)
                .setCapturedAt(now()).setAmazon(payment(checkoutId, post.amazon()))
                .setOrder(null).setUpsell(upsell).setLanderOrigin(landerOrigin)
                .setClientPrices(priced.clientPrices()).build();
    }

    public CheckoutStatusChanged accepted(AmazonCheckoutCaptured captured) {
        boolean upsell = captured.getKind() == CheckoutKind.UPSELL;
        return CheckoutStatusChanged.newBuilder()
                .setCheckoutId(captured.getCheckoutId()).setKind(captured.getKind())
                .setUpsellId(upsell ? captured.getUpsell().getUpsellId() : null)
                .setProductId(upsell ? captured.getUpsell().getProductId() : null)
                .setCampaignId(upsell ? null : captured.getOrder().getCampaignId())
                .setAttempt(captured.getAttempt()).setStatus(CheckoutStatus.ACCEPTED)
                .setCrmOrderId(null).setDecline(null).setChangedBy(CHANGED_BY)
                .setChangedAt(captured.getCapturedAt()).build();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private AmazonPayment payment(String checkoutId, AmazonAuthorization amazon) {
        return AmazonPayment.newBuilder().setBillerId(amazon.billerId())
                .setOrderReferenceId(amazon.orderReferenceId()).setRecurring(amazon.recurring())
                .setAccessToken(cipher.encrypt(amazon.accessToken(), checkoutId)).build();
    }
}
