package io.checkoutrelay.sandbox.crm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An order as the CRM answers it in {@code message} (and, with more detail, as the admin read-back shows it). */
public final class OrderMessage {

    private static final DateTimeFormatter DATE_CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String ZERO = "0.00";

    private OrderMessage() {
    }

    /** The order as Import Lead, Import Order, Import Upsale and Order Query return it. */
    public static Map<String, Object> of(CrmOrder order) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("orderId", order.orderId());
        message.put("customerId", order.customer().customerId());
        message.put("orderStatus", order.status().name());
        message.put("orderType", CrmOrder.ORDER_TYPE);
        message.put("dateCreated", DATE_CREATED.format(order.createdAt()));
        message.put("campaignId", order.campaignId());
        message.put("firstName", order.customer().firstName());
        message.put("lastName", order.customer().lastName());
        message.put("emailAddress", order.customer().emailAddress());
        message.put("totalAmount", money(order.totalAmount()));
        message.put("baseShipping", ZERO);
        message.put("salesTax", ZERO);
        message.put("totalDiscount", ZERO);
        message.put("amountPaid", money(order.amountPaid()));
        message.put("currencySymbol", "$");
        message.put("paySource", order.payment() == null ? null : "AMAZON");
        message.put("items", items(order.items()));
        return message;
    }

    /** The order with what only the sandbox knows: Amazon ids, decline reason, how many calls reached it. */
    public static Map<String, Object> adminView(CrmOrder order) {
        Map<String, Object> view = of(order);
        view.put("phoneNumber", order.customer().phoneNumber());
        view.put("address", order.customer().address());
        AmazonPayment payment = order.payment();
        view.put("amazonBillerId", payment == null ? null : payment.amazonBillerId());
        view.put("amazonOrderId", payment == null ? null : payment.amazonOrderId());
        view.put("amazonAddressConsent", payment == null ? null : payment.amazonAddressConsent());
        view.put("declineReason", order.declineReason());
        view.put("importOrderCalls", order.importOrderCalls());
        view.put("completedImports", order.completedImports());
        view.put("upsaleCalls", order.upsaleCalls());
        return view;
    }

    private static List<Map<String, Object>> items(List<OrderItem> items) {
        return items.stream().map(item -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("productId", item.productId());
            line.put("name", item.name());
            line.put("qty", item.qty());
            line.put("price", money(item.price()));
            line.put("shipping", ZERO);
            line.put("purchaseStatus", item.purchaseStatus());
            return line;
        }).toList();
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
