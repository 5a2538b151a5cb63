package io.checkoutrelay.systemtests;

import static io.checkoutrelay.systemtests.Checkouts.checkoutId;
import static io.checkoutrelay.systemtests.Checkouts.newOrderReference;
import static io.checkoutrelay.systemtests.Checkouts.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The price policy as the CRM sees it: the system runs with INTAKE_CLIENTPRICES_CAMPAIGNS=12, so a
 * lander's prices reach CheckoutChamp for campaign 12 and never for campaign 13, where the CRM charges
 * its own price (the sandbox's catalog price, 19.99).
 */
@ExtendWith(SystemExtension.class)
class PricePolicyTest {

    private static final Duration FINAL_WITHIN = Duration.ofSeconds(90);

    @Test
    void aBuyerCannotSetThePriceOfACampaignNotOnTheAllowList(RunningSystem system) {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox crm = new Sandbox(system.sandboxUrl());
        String reference = newOrderReference();
        String checkoutId = checkoutId(reference);

        assertThat(lander.postCheckout(order(13, reference, "0.01")).status()).isEqualTo(202);
        assertThat(lander.awaitFinal(checkoutId, FINAL_WITHIN).path("status").asText()).isEqualTo("IMPORTED");
        String upsellReference = newOrderReference();
        Lander.Reply upsell = lander.postUpsell(checkoutId, """
                {"productId": 205, "price": "0.01", "replaceProductId": 101,
                 "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s"}}
                """.formatted(upsellReference, token("")));
        assertThat(upsell.status()).as(upsell.body()).isEqualTo(202);
        JsonNode status = lander.awaitFinal(checkoutId, FINAL_WITHIN);
        assertThat(status.path("upsells").path(0).path("status").asText()).as(status.toString()).isEqualTo("IMPORTED");

        List<JsonNode> orderCalls = crm.crmCallsWith("amazonOrderId", reference);
        List<JsonNode> upsellCalls = crm.crmCallsWith("amazonOrderId", upsellReference);
        assertThat(orderCalls).isNotEmpty();
        assertThat(upsellCalls).isNotEmpty();
        orderCalls.forEach(call -> assertThat(Sandbox.param(call, "product1_price")).as(call.toString()).isNull());
        upsellCalls.forEach(call -> {
            assertThat(Sandbox.param(call, "productPrice")).as(call.toString()).isNull();
            assertThat(Sandbox.param(call, "replaceProductId")).as(call.toString()).isNull();
        });
        JsonNode crmOrder = crm.ordersPaidWith(reference).get(0);
        assertThat(crmOrder.path("items")).extracting(item -> item.path("productId").asLong() + "@"
                + item.path("price").asText()).containsExactlyInAnyOrder("101@19.99", "205@19.99");
    }

    @Test
    void theLandersPriceOfAnAllowListedCampaignIsCharged(RunningSystem system) {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox crm = new Sandbox(system.sandboxUrl());
        String reference = newOrderReference();

        assertThat(lander.postCheckout(order(12, reference, "24.50")).status()).isEqualTo(202);
        assertThat(lander.awaitFinal(checkoutId(reference), FINAL_WITHIN).path("status").asText()).isEqualTo("IMPORTED");

        assertThat(crm.crmCallsWith("amazonOrderId", reference))
                .anySatisfy(call -> assertThat(Sandbox.param(call, "product1_price")).isEqualTo("24.50"));
        assertThat(crm.ordersPaidWith(reference).get(0).path("items").path(0).path("price").asText()).isEqualTo("24.50");
    }

    private static String order(long campaignId, String reference, String price) {
        return """
                {"campaignId": %d, "products": [{"productId": 101, "quantity": 1, "price": "%s"}],
                 "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s"}}
                """.formatted(campaignId, price, reference, token(""));
    }
}
