package io.checkoutrelay.sandbox.crm;

import java.math.BigDecimal;

/** One product line of an order; {@code price} is the unit price. */
public record OrderItem(long productId, String name, int qty, BigDecimal price, String purchaseStatus) {

    public static OrderItem sold(ProductLine line) {
        return new OrderItem(line.productId(), "Sandbox product " + line.productId(), line.qty(), line.price(),
                "COMPLETE");
    }

    /** This line with {@code more} added to its quantity (the CRM merging a repeated product). */
    public OrderItem withMoreOf(int more) {
        return new OrderItem(productId, name, qty + more, price, purchaseStatus);
    }

    public BigDecimal lineTotal() {
        return price.multiply(BigDecimal.valueOf(qty));
    }
}
