package io.checkoutrelay.sandbox.crm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order in the sandbox CRM. Immutable: every change makes a new value, swapped in atomically by
 * {@link CrmOrderStore}.
 *
 * @param importOrderCalls Import Order calls that reached this order (declined ones included)
 * @param completedImports Import Order calls that charged the buyer; more than 1 means a double charge
 * @param upsaleCalls      Import Upsale calls that reached this order
 */
public record CrmOrder(
        String orderId,
        long sequence,
        Instant createdAt,
        long campaignId,
        OrderStatus status,
        Customer customer,
        List<OrderItem> items,
        AmazonPayment payment,
        String declineReason,
        int importOrderCalls,
        int completedImports,
        int upsaleCalls) {

    public static final String ORDER_TYPE = "NEW_SALE";

    public CrmOrder {
        items = List.copyOf(items);
    }

    public static CrmOrder lead(String orderId, long sequence, Instant createdAt, long campaignId, Customer customer) {
        return new CrmOrder(orderId, sequence, createdAt, campaignId, OrderStatus.PARTIAL, customer, List.of(), null,
                null, 0, 0, 0);
    }

    /** This order after an Import Order call that charged the buyer. */
    public CrmOrder sold(SaleDetails sale) {
        List<OrderItem> sold = sale.products().stream().map(OrderItem::sold).toList();
        return new CrmOrder(orderId, sequence, createdAt, sale.campaignId(), OrderStatus.COMPLETE,
                customer.updatedFrom(sale.customer()), sold, sale.payment(), null, importOrderCalls + 1,
                completedImports + 1, upsaleCalls);
    }

    /** This order after an Import Order call that was declined with that reason. */
    public CrmOrder declined(SaleDetails sale, String reason) {
        List<OrderItem> attempted = sale.products().stream()
                .map(line -> new OrderItem(line.productId(), "Sandbox product " + line.productId(), line.qty(),
                        line.price(), "DECLINED"))
                .toList();
        return new CrmOrder(orderId, sequence, createdAt, sale.campaignId(), DeclineReasons.statusAfter(reason, status),
                customer.updatedFrom(sale.customer()), attempted, sale.payment(), reason, importOrderCalls + 1,
                completedImports, upsaleCalls);
    }

    /** A repeated Import Order on an order already COMPLETE: the buyer is charged again, nothing else changes. */
    public CrmOrder chargedAgain() {
        return new CrmOrder(orderId, sequence, createdAt, campaignId, status, customer, items, payment, declineReason,
                importOrderCalls + 1, completedImports + 1, upsaleCalls);
    }

    /** Counts an Import Order call that reached this order without changing it. */
    public CrmOrder importAttempted() {
        return new CrmOrder(orderId, sequence, createdAt, campaignId, status, customer, items, payment, declineReason,
                importOrderCalls + 1, completedImports, upsaleCalls);
    }

    /**
     * This order with an upsell added, replacing the item of {@code replaceProductId} when given. With
     * {@code merge}, a sold line of the same product takes the upsell's quantity (its unit price stays)
     * instead of a new line being added.
     */
    public CrmOrder withUpsale(OrderItem upsale, Long replaceProductId, boolean merge) {
        List<OrderItem> changed = new ArrayList<>(items);
        if (replaceProductId != null) {
            changed.removeIf(item -> item.productId() == replaceProductId);
        }
        int same = merge ? indexOfSoldLine(changed, upsale.productId()) : -1;
        if (same >= 0) {
            changed.set(same, changed.get(same).withMoreOf(upsale.qty()));
        } else {
            changed.add(upsale);
        }
        return new CrmOrder(orderId, sequence, createdAt, campaignId, status, customer, changed, payment,
                declineReason, importOrderCalls, completedImports, upsaleCalls + 1);
    }

    /** Counts an Import Upsale call that reached this order without changing it (a declined upsell). */
    public CrmOrder upsaleAttempted() {
        return new CrmOrder(orderId, sequence, createdAt, campaignId, status, customer, items, payment, declineReason,
                importOrderCalls, completedImports, upsaleCalls + 1);
    }

    private static int indexOfSoldLine(List<OrderItem> lines, long productId) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).productId() == productId && "COMPLETE".equals(lines.get(i).purchaseStatus())) {
                return i;
            }
        }
        return -1;
    }

    public boolean hasItem(long productId) {
        return items.stream().anyMatch(item -> item.productId() == productId);
    }

    /** Sum of the sold items (declined lines excluded), two decimals. */
    public BigDecimal totalAmount() {
        return items.stream()
                .filter(item -> !"DECLINED".equals(item.purchaseStatus()))
                .map(OrderItem::lineTotal)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal amountPaid() {
        return status == OrderStatus.COMPLETE ? totalAmount() : BigDecimal.ZERO.setScale(2);
    }
}
