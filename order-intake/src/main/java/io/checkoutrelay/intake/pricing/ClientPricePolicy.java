package io.checkoutrelay.intake.pricing;

import io.checkoutrelay.intake.checkout.CheckoutRequest;
import io.checkoutrelay.intake.checkout.ProductRequest;
import io.checkoutrelay.intake.checkout.UpsellPost;
import io.checkoutrelay.intake.config.IntakeProperties;
import io.checkoutrelay.schemas.ClientPrices;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The price policy, applied at the edge so that no untrusted price reaches Kafka: a lander's
 * {@code price} and {@code replaceProductId} come from the buyer's browser and are kept only for the
 * campaigns on the allow-list ({@code intake.client-prices.campaigns}); otherwise they are removed and
 * the CRM charges its campaign prices. An upsell follows its order's campaign; when the intake does
 * not know it (the order's ACCEPTED status is gone from the compacted status topic), the prices are
 * removed.
 */
@Component
public class ClientPricePolicy {

    private final Set<Long> campaigns;

    public ClientPricePolicy(IntakeProperties properties) {
        this.campaigns = Set.copyOf(properties.clientPrices().campaigns());
    }

    public PricedOrder order(CheckoutRequest order) {
        boolean sent = order.products().stream().anyMatch(p -> p.price() != null);
        if (!sent) {
            return new PricedOrder(order, ClientPrices.NONE_SENT);
        }
        if (campaigns.contains(order.campaignId())) {
            return new PricedOrder(order, ClientPrices.ACCEPTED);
        }
        return new PricedOrder(withoutPrices(order), ClientPrices.IGNORED);
    }

    /** @param orderCampaignId the campaign of the upsell's order, null when unknown */
    public PricedUpsell upsell(UpsellPost upsell, Long orderCampaignId) {
        if (upsell.price() == null && upsell.replaceProductId() == null) {
            return new PricedUpsell(upsell, ClientPrices.NONE_SENT);
        }
        if (orderCampaignId != null && campaigns.contains(orderCampaignId)) {
            return new PricedUpsell(upsell, ClientPrices.ACCEPTED);
        }
        return new PricedUpsell(new UpsellPost(upsell.productId(), upsell.quantity(), null, null, upsell.amazon(),
                upsell.idempotencyKey()), ClientPrices.IGNORED);
    }

    private static CheckoutRequest withoutPrices(CheckoutRequest order) {
        return new CheckoutRequest(order.campaignId(),
                order.products().stream().map(p -> new ProductRequest(p.productId(), p.quantity(), null)).toList(),
                order.amazon(), order.sessionId(), order.phoneNumber(), order.ipAddress(), order.couponCode(),
                order.affId(), order.salesUrl());
    }

    /** An order as it may reach the CRM, and what the policy did with the lander's prices. */
    public record PricedOrder(CheckoutRequest order, ClientPrices clientPrices) {
    }

    /** An upsell as it may reach the CRM, and what the policy did with the lander's price and replaceProductId. */
    public record PricedUpsell(UpsellPost upsell, ClientPrices clientPrices) {
    }
}
