package io.checkoutrelay.importer.flow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.checkoutrelay.importer.crm.CrmOrderView;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.Decline;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.ImportedItem;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.OrderImported;

/** Builds the records the importer publishes; none of them holds a token or a credential. */
public final class ResultRecords {

    public static final String CHANGED_BY = "crm-importer";
    /** Upsell reasons that say the parent order is not (yet) in the CRM. */
    private static final Set<String> ORDER_NOT_PLACED = Set.of("order_declined", "order_not_imported");

    private ResultRecords() {
    }

    public static CheckoutStatusChanged status(Work work, CheckoutStatus status, String crmOrderId, Decline decline) {
        boolean upsell = work.captured().getKind() == CheckoutKind.UPSELL;
        return CheckoutStatusChanged.newBuilder()
                .setCheckoutId(work.checkoutId())
                .setKind(work.captured().getKind())
                .setUpsellId(upsell ? work.captured().getUpsell().getUpsellId() : null)
                .setProductId(upsell ? work.captured().getUpsell().getProductId() : null)
                .setAttempt(work.attempt())
                .setStatus(status)
                .setCrmOrderId(crmOrderId)
                .setDecline(decline)
                .setChangedBy(CHANGED_BY)
                .setChangedAt(Instant.now())
                .build();
    }

    public static OrderImported imported(Work work, CrmOrderView order, String crmOrderId, List<ImportedItem> items,
            boolean settledByQuery) {
        boolean upsell = work.captured().getKind() == CheckoutKind.UPSELL;
        return OrderImported.newBuilder()
                .setCheckoutId(work.checkoutId())
                .setKind(work.captured().getKind())
                .setUpsellId(upsell ? work.captured().getUpsell().getUpsellId() : null)
                .setAttempt(work.attempt())
                .setCrmOrderId(crmOrderId)
                .setCrmCustomerId(order.customerId())
                .setCampaignId(order.campaignId())
                .setAmazonOrderReferenceId(work.captured().getAmazon().getOrderReferenceId())
                .setCrmOrderStatus(order.orderStatus())
                .setItems(items)
                .setTotalAmount(money(order.totalAmount()))
                .setCurrencySymbol(order.currencySymbol())
                .setSettledByQuery(settledByQuery)
                .setImportedAt(Instant.now())
                .build();
    }

    public static ImportedItem item(CrmOrderView.Item item) {
        return ImportedItem.newBuilder().setProductId(item.productId()).setName(item.name())
                .setQuantity(item.quantity()).setPrice(money(item.price())).build();
    }

    public static OrderDeclined declined(Work work, Decline decline, String rawMessage, Map<String, String> fieldErrors,
            String crmOrderId) {
        boolean upsell = work.captured().getKind() == CheckoutKind.UPSELL;
        return OrderDeclined.newBuilder()
                .setCheckoutId(work.checkoutId())
                .setKind(work.captured().getKind())
                .setUpsellId(upsell ? work.captured().getUpsell().getUpsellId() : null)
                .setAttempt(work.attempt())
                .setDecline(decline)
                .setDeclinedBy(CHANGED_BY)
                .setRawMessage(rawMessage)
                .setFieldErrors(fieldErrors == null ? Map.of() : fieldErrors)
                .setCrmOrderId(crmOrderId)
                .setCampaignId(upsell ? null : work.captured().getOrder().getCampaignId())
                .setAmazonOrderReferenceId(work.captured().getAmazon().getOrderReferenceId())
                .setSourceTopic(work.topic())
                .setSourcePartition(work.partition())
                .setSourceOffset(work.offset())
                .setDeclinedAt(Instant.now())
                .build();
    }

    public static Decline decline(DeclineClass declineClass, String reason) {
        return Decline.newBuilder().setDeclineClass(declineClass).setReason(reason)
                .setMessage(messageFor(declineClass, reason)).build();
    }

    /**
     * The sentence for the buyer's page: what they can do about it, and nothing that does not work. Only
     * CUSTOMER_ACTION invites trying again (a resubmission after it is a new attempt); resubmitting after
     * any other decline returns the same decline, so those sentences never ask for it.
     */
    static String messageFor(DeclineClass declineClass, String reason) {
        if (ORDER_NOT_PLACED.contains(reason)) {
            return "This offer could not be added because your order has not been placed.";
        }
        return switch (declineClass) {
            case CUSTOMER_ACTION -> "Please choose another payment method in your Amazon wallet and try again.";
            case TERMINAL -> "Amazon Pay could not be used for this order. Please choose another way to pay.";
            case CONSENT -> "Your Amazon sign-in expired before the order was placed, and nothing was charged. "
                    + "Please sign in with Amazon again to start a new checkout.";
            case INVALID_REQUEST -> "This order could not be placed. Please contact the merchant.";
            case UNAVAILABLE -> "We could not complete your order yet because the payment service is not "
                    + "responding. You will not be charged twice; the merchant will complete your order or contact you.";
        };
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
    }
}
