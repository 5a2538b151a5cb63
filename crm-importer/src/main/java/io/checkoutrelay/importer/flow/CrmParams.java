package io.checkoutrelay.importer.flow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.Buyer;
import io.checkoutrelay.schemas.OrderRequest;
import io.checkoutrelay.schemas.ProductLine;
import io.checkoutrelay.schemas.UpsellRequest;

/** The parameters of each CRM call, built from the input record (credentials are added by the client). */
public final class CrmParams {

    private CrmParams() {
    }

    public static Map<String, String> importLead(Work work) {
        OrderRequest order = work.captured().getOrder();
        Buyer buyer = work.value().getBuyer();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("campaignId", Long.toString(order.getCampaignId()));
        params.put("firstName", buyer.getFirstName());
        params.put("lastName", buyer.getLastName());
        params.put("emailAddress", buyer.getEmail());
        putIfPresent(params, "phoneNumber", order.getPhoneNumber());
        putIfPresent(params, "ipAddress", order.getIpAddress());
        putIfPresent(params, "sessionId", order.getSessionId());
        return params;
    }

    /** Import Order into the lead {@code orderId}; the consent token is the decrypted access token. */
    public static Map<String, String> importOrder(Work work, String orderId) {
        AmazonCheckoutCaptured captured = work.captured();
        OrderRequest order = captured.getOrder();
        Map<String, String> params = importLead(work);
        params.put("orderId", orderId);
        putIfPresent(params, "couponCode", order.getCouponCode());
        putIfPresent(params, "affId", order.getAffId());
        putIfPresent(params, "salesUrl", order.getSalesUrl());
        params.put("paySource", "AMAZON");
        params.put("amazonBillerId", Long.toString(captured.getAmazon().getBillerId()));
        // one-time: the OrderReference id; recurring: the BillingAgreement id (orderReferenceId holds either)
        params.put("amazonOrderId", captured.getAmazon().getOrderReferenceId());
        params.put("amazonAddressConsent", work.accessToken());
        List<ProductLine> products = order.getProducts();
        for (int i = 0; i < products.size(); i++) {
            ProductLine line = products.get(i);
            String prefix = "product" + (i + 1) + "_";
            params.put(prefix + "id", Long.toString(line.getProductId()));
            params.put(prefix + "qty", Integer.toString(line.getQuantity()));
            if (line.getPrice() != null) {
                params.put(prefix + "price", money(line.getPrice()));
            }
        }
        return params;
    }

    public static Map<String, String> importUpsale(Work work, String orderId) {
        AmazonCheckoutCaptured captured = work.captured();
        UpsellRequest upsell = captured.getUpsell();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("orderId", orderId);
        params.put("productId", Long.toString(upsell.getProductId()));
        params.put("productQty", Integer.toString(upsell.getQuantity()));
        if (upsell.getPrice() != null) {
            params.put("productPrice", money(upsell.getPrice()));
        }
        if (upsell.getReplaceProductId() != null) {
            params.put("replaceProductId", Long.toString(upsell.getReplaceProductId()));
        }
        params.put("amazonBillerId", Long.toString(captured.getAmazon().getBillerId()));
        params.put("amazonOrderId", captured.getAmazon().getOrderReferenceId());
        params.put("amazonAddressConsent", work.accessToken());
        return params;
    }

    public static Map<String, String> orderQuery(String orderId) {
        return Map.of("orderId", orderId);
    }

    static String money(BigDecimal price) {
        return price.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static void putIfPresent(Map<String, String> params, String name, String value) {
        if (value != null && !value.isBlank()) {
            params.put(name, value);
        }
    }
}
