package io.checkoutrelay.systemtests;

import static io.checkoutrelay.systemtests.Checkouts.checkoutId;
import static io.checkoutrelay.systemtests.Checkouts.newOrderReference;
import static io.checkoutrelay.systemtests.Checkouts.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recurring products end to end: the lander's Consent widget gives a billing agreement (B01-), the
 * order is posted with {@code recurring: true} and that id, then two upsells are added on the same
 * agreement, each with the Idempotency-Key of its offer (as checkout-relay.js sends them).
 */
@ExtendWith(SystemExtension.class)
class RecurringCheckoutTest {

    private static final Duration FINAL_WITHIN = Duration.ofSeconds(90);

    @Test
    void aBillingAgreementAndTwoUpsellsOnItBecomeOneCrmOrderPaidWithTheAgreement(RunningSystem system) {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox crm = new Sandbox(system.sandboxUrl());
        String agreement = "B01" + newOrderReference().substring(3);
        String checkoutId = checkoutId(agreement);
        String orderToken = token("");

        Lander.Reply accepted = lander.postCheckout("""
                {"campaignId": 12, "products": [{"productId": 101, "quantity": 1}],
                 "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s", "recurring": true}}
                """.formatted(agreement, orderToken));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode imported = lander.awaitFinal(checkoutId, FINAL_WITHIN);
        assertThat(imported.path("status").asText()).as(imported.toString()).isEqualTo("IMPORTED");

        String upsell = """
                {"productId": %d, "quantity": 1,
                 "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s", "recurring": true}}""";
        Lander.Reply first = lander.postUpsell(checkoutId, upsell.formatted(205, agreement, orderToken), "offer-205-a");
        Lander.Reply second = lander.postUpsell(checkoutId, upsell.formatted(206, agreement, orderToken), "offer-206-b");
        Lander.Reply doubleClick = lander.postUpsell(checkoutId, upsell.formatted(205, agreement, orderToken),
                "offer-205-a");
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(second.status()).as("the second upsell on the agreement: " + second.body()).isEqualTo(202);
        assertThat(doubleClick.status()).as(doubleClick.body()).isEqualTo(200);

        JsonNode status = lander.awaitFinal(checkoutId, FINAL_WITHIN);
        assertThat(status.path("upsells")).as(status.toString()).hasSize(2);
        status.path("upsells").forEach(u -> assertThat(u.path("status").asText()).as(status.toString())
                .isEqualTo("IMPORTED"));
        List<JsonNode> orders = crm.ordersPaidWith(agreement);
        assertThat(orders).as("CRM orders paid with billing agreement " + agreement).hasSize(1);
        JsonNode order = orders.get(0);
        assertThat(order.path("orderId").asText()).isEqualTo(imported.path("crmOrderId").asText());
        assertThat(order.path("amazonOrderId").asText()).isEqualTo(agreement);
        assertThat(productIds(order)).containsExactlyInAnyOrder(101L, 205L, 206L);
        List<JsonNode> upsales = new ArrayList<>();
        for (JsonNode call : crm.crmCallsWith("amazonOrderId", agreement)) {
            if (call.path("endpoint").asText().toLowerCase().contains("upsale")) {
                upsales.add(call);
            }
        }
        assertThat(upsales).extracting(call -> Sandbox.param(call, "orderId")).as(upsales.toString())
                .hasSize(2).containsOnly(order.path("orderId").asText());
    }

    private static List<Long> productIds(JsonNode order) {
        List<Long> ids = new ArrayList<>();
        order.path("items").forEach(item -> ids.add(item.path("productId").asLong()));
        return ids;
    }
}
