package io.checkoutrelay.importer.crm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The fields of a CRM order the importer uses, read tolerantly from a SUCCESS message or a query row. */
public record CrmOrderView(String orderId, String customerId, String orderStatus, Long campaignId,
                           BigDecimal totalAmount, String currencySymbol, List<Item> items) {

    /** One product line of the order. */
    public record Item(long productId, String name, int quantity, BigDecimal price) {
    }

    public static CrmOrderView from(JsonNode order) {
        List<Item> items = new ArrayList<>();
        JsonNode lines = order.path("items");
        if (lines.isArray()) {
            for (JsonNode line : lines) {
                items.add(new Item(line.path("productId").asLong(0), text(line, "name"),
                        line.path("qty").asInt(1), decimal(line, "price")));
            }
        }
        JsonNode campaign = order.path("campaignId");
        return new CrmOrderView(text(order, "orderId"), text(order, "customerId"), text(order, "orderStatus"),
                campaign.isMissingNode() || campaign.isNull() ? null : campaign.asLong(),
                decimal(order, "totalAmount"), text(order, "currencySymbol"), List.copyOf(items));
    }

    /**
     * How many of the product the order holds, over all its lines: the same whether the CRM adds an
     * upsell as a line of its own or merges it into the line of that product.
     */
    public long quantityOf(long productId) {
        return items.stream().filter(item -> item.productId() == productId).mapToLong(Item::quantity).sum();
    }

    public List<Long> productIds() {
        return items.stream().map(Item::productId).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
