package io.checkoutrelay.sandbox.crm;

/** The Amazon Pay fields of an order; the consent token is kept only as its fingerprint. */
public record AmazonPayment(String amazonBillerId, String amazonOrderId, String amazonAddressConsent) {
}
