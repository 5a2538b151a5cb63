package io.checkoutrelay.intake.status;

import io.checkoutrelay.schemas.Decline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON body of GET /v1/checkouts/{checkoutId} as contracts.md shows it. */
public final class StatusBody {

    private StatusBody() {
    }

    public static Map<String, Object> of(CheckoutState state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checkoutId", state.checkoutId());
        body.put("status", state.order().status().name());
        body.put("attempt", state.order().attempt());
        if (state.order().crmOrderId() != null) {
            body.put("crmOrderId", state.order().crmOrderId());
        }
        body.put("decline", decline(state.order().decline()));
        List<Map<String, Object>> upsells = state.upsells().entrySet().stream().map(e -> {
            Map<String, Object> upsell = new LinkedHashMap<>();
            upsell.put("upsellId", e.getKey());
            upsell.put("productId", e.getValue().productId());
            upsell.put("status", e.getValue().status().name());
            upsell.put("decline", decline(e.getValue().decline()));
            return upsell;
        }).toList();
        body.put("upsells", upsells);
        body.put("updatedAt", state.updatedAt().toString());
        return body;
    }

    static Map<String, Object> decline(Decline decline) {
        if (decline == null) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("class", decline.getDeclineClass().name());
        body.put("reason", decline.getReason());
        body.put("message", decline.getMessage());
        return body;
    }
}
