package io.checkoutrelay.bench.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** The sandbox CRM's orders as its admin view lists them (GET /sandbox/orders), reduced to what the soak checks. */
final class CrmOrders {

    /** One CRM order: its Amazon reference (null for a lead never sold), status, successful imports, quantity per product. */
    record Order(String orderId, String amazonOrderId, String status, int completedImports, Map<Long, Integer> quantities) {
        boolean complete() {
            return status.equals("COMPLETE");
        }
    }

    private CrmOrders() {
    }

    static List<Order> from(JsonNode orders) {
        List<Order> all = new ArrayList<>();
        for (JsonNode order : orders) {
            Map<Long, Integer> quantities = new LinkedHashMap<>();
            for (JsonNode item : order.path("items")) {
                quantities.merge(item.path("productId").asLong(), item.path("qty").asInt(), Integer::sum);
            }
            JsonNode reference = order.path("amazonOrderId");
            all.add(new Order(order.path("orderId").asString(), reference.isNull() || reference.isMissingNode() ? null
                    : reference.asString(), order.path("orderStatus").asString(), order.path("completedImports").asInt(),
                    quantities));
        }
        return all;
    }
}
