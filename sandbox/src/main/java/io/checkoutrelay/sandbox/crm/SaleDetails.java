package io.checkoutrelay.sandbox.crm;

import java.util.List;

/** What one Import Order call asks for: who buys what, paid how. */
public record SaleDetails(long campaignId, Customer customer, List<ProductLine> products, AmazonPayment payment) {
}
