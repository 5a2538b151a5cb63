package io.checkoutrelay.intake.support;

import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.Decline;
import io.checkoutrelay.schemas.DeclineClass;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Status records as the importer writes them. */
public final class Statuses {

    private Statuses() {
    }

    public static CheckoutStatusChanged imported(String checkoutId, int attempt, String crmOrderId) {
        return base(checkoutId, attempt, CheckoutStatus.IMPORTED).setCrmOrderId(crmOrderId).build();
    }

    public static CheckoutStatusChanged declined(String checkoutId, int attempt, DeclineClass declineClass,
                                                 String reason) {
        return base(checkoutId, attempt, CheckoutStatus.DECLINED).setDecline(Decline.newBuilder()
                .setDeclineClass(declineClass).setReason(reason).setMessage("Please choose another payment method.")
                .build()).build();
    }

    public static CheckoutStatusChanged.Builder base(String checkoutId, int attempt, CheckoutStatus status) {
        return CheckoutStatusChanged.newBuilder().setCheckoutId(checkoutId).setKind(CheckoutKind.ORDER)
                .setUpsellId(null).setProductId(null).setAttempt(attempt).setStatus(status).setCrmOrderId(null)
                .setDecline(null).setChangedBy("crm-importer")
                .setChangedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
