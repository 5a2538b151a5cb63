package io.checkoutrelay.importer.crm;

import java.util.List;
import java.util.Locale;

import io.checkoutrelay.schemas.DeclineClass;

/**
 * Classifies answers of money-moving calls by the table in ARCHITECTURE.md. Amazon Pay reason codes
 * are matched as case-insensitive substrings of the CRM's message; an unrecognised decline is
 * TERMINAL {@code crm_declined}.
 *
 * <p>MERC_REDIRECT is TERMINAL {@code merchant_redirect}: the relay has no browser to follow a 3-D
 * Secure redirect, Amazon Pay does not use one, so the CRM account routes this campaign to a gateway
 * that cannot take the payment; the lander should offer another way to pay. The CRM order is left
 * as it was (PARTIAL), nothing was charged.
 */
public final class DeclineClassifier {

    public static final String VALIDATION_ERROR = "validation_error";
    public static final String MERCHANT_REDIRECT = "merchant_redirect";
    public static final String CRM_DECLINED = "crm_declined";

    private static final List<String> CUSTOMER_ACTION = List.of("InvalidPaymentMethod", "PaymentMethodNotAllowed",
            "PaymentPlanNotSet", "ShippingAddressNotSet", "BuyerConsentNotSet");
    private static final List<String> TERMINAL = List.of("AmazonRejected");
    private static final List<String> TRANSIENT = List.of("ProcessingFailure", "TransactionTimedOut");

    private DeclineClassifier() {
    }

    public static Verdict classify(CrmResult result) {
        return switch (result.outcome()) {
            case SUCCESS -> Verdict.of(Verdict.Kind.IMPORTED);
            case NOT_SENT -> Verdict.of(Verdict.Kind.NOT_SENT);
            case TRANSPORT_FAILURE -> Verdict.of(Verdict.Kind.UNKNOWN);
            case VALIDATION_ERROR -> Verdict.declined(DeclineClass.INVALID_REQUEST, VALIDATION_ERROR);
            case MERCHANT_REDIRECT -> Verdict.declined(DeclineClass.TERMINAL, MERCHANT_REDIRECT);
            case ERROR -> classifyDecline(result.rawMessage());
        };
    }

    static Verdict classifyDecline(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        for (String reason : TRANSIENT) {
            if (text.contains(reason.toLowerCase(Locale.ROOT))) {
                return Verdict.retry(reason);
            }
        }
        for (String reason : CUSTOMER_ACTION) {
            if (text.contains(reason.toLowerCase(Locale.ROOT))) {
                return Verdict.declined(DeclineClass.CUSTOMER_ACTION, reason);
            }
        }
        for (String reason : TERMINAL) {
            if (text.contains(reason.toLowerCase(Locale.ROOT))) {
                return Verdict.declined(DeclineClass.TERMINAL, reason);
            }
        }
        return Verdict.declined(DeclineClass.TERMINAL, CRM_DECLINED);
    }
}
