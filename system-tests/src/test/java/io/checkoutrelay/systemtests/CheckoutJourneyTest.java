package io.checkoutrelay.systemtests;

import static io.checkoutrelay.systemtests.Checkouts.checkoutId;
import static io.checkoutrelay.systemtests.Checkouts.newOrderReference;
import static io.checkoutrelay.systemtests.Checkouts.order;
import static io.checkoutrelay.systemtests.Checkouts.token;
import static io.checkoutrelay.systemtests.Checkouts.upsell;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A buyer's checkout through every real process, seen only from the lander and from the CRM. */
@ExtendWith(SystemExtension.class)
class CheckoutJourneyTest {

    private static final Duration FINAL_WITHIN = Duration.ofSeconds(60);

    @Test
    void anOrderAndItsUpsellBecomeOneCrmOrder(RunningSystem system) {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox crm = new Sandbox(system.sandboxUrl());
        String reference = newOrderReference();
        String checkoutId = checkoutId(reference);

        Lander.Reply accepted = lander.postCheckout(order(reference, token(""), 101, 102));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("checkoutId").asText()).isEqualTo(checkoutId);
        Lander.Reply upsellAccepted = lander.postUpsell(checkoutId, upsell(newOrderReference(), token(""), 205));
        assertThat(upsellAccepted.status()).as(upsellAccepted.body()).isEqualTo(202);

        JsonNode status = lander.awaitFinal(checkoutId, FINAL_WITHIN);

        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("IMPORTED");
        String crmOrderId = status.path("crmOrderId").asText();
        assertThat(status.path("upsells").path(0).path("status").asText()).as(status.toString()).isEqualTo("IMPORTED");
        List<JsonNode> orders = crm.ordersPaidWith(reference);
        assertThat(orders).as("CRM orders paid with " + reference).hasSize(1);
        JsonNode order = orders.get(0);
        assertThat(order.path("orderId").asText()).isEqualTo(crmOrderId);
        assertThat(order.path("orderStatus").asText()).isEqualTo("COMPLETE");
        assertThat(order.path("completedImports").asInt()).as("Import Order calls that completed it").isEqualTo(1);
        assertThat(productIds(order)).containsExactlyInAnyOrder(101L, 102L, 205L);
        assertThat(order.path("emailAddress").asText()).contains("@");
    }

    @Test
    void aDeclinedCardIsReplacedByTheBuyerAndTheOrderImportsOnce(RunningSystem system) {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox crm = new Sandbox(system.sandboxUrl());
        String reference = newOrderReference();
        String checkoutId = checkoutId(reference);
        // product 9011: the first card is refused with InvalidPaymentMethod, the buyer's next choice works
        String body = order(reference, token(""), 101, 9011);

        assertThat(lander.postCheckout(body).status()).isEqualTo(202);
        JsonNode declined = lander.awaitFinal(checkoutId, FINAL_WITHIN);
        assertThat(declined.path("status").asText()).as(declined.toString()).isEqualTo("DECLINED");
        assertThat(declined.path("decline").path("class").asText()).isEqualTo("CUSTOMER_ACTION");
        assertThat(declined.path("decline").path("reason").asText()).isEqualTo("InvalidPaymentMethod");
        assertThat(declined.path("decline").path("message").asText()).isNotBlank();

        Lander.Reply resubmitted = lander.postCheckout(body);
        assertThat(resubmitted.status()).as("a new attempt after CUSTOMER_ACTION: " + resubmitted.body()).isEqualTo(202);
        JsonNode imported = awaitStatus(lander, checkoutId, "IMPORTED");

        List<JsonNode> orders = crm.ordersPaidWith(reference);
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).path("orderId").asText()).isEqualTo(imported.path("crmOrderId").asText());
        assertThat(orders.get(0).path("orderStatus").asText()).isEqualTo("COMPLETE");
        assertThat(orders.get(0).path("completedImports").asInt()).isEqualTo(1);
    }

    @Test
    void aTokenIssuedToAnotherSiteIsDeclinedWithoutAnyCrmCall(RunningSystem system) {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox crm = new Sandbox(system.sandboxUrl());
        String reference = newOrderReference();
        int crmCallsBefore = crmCalls(crm);

        assertThat(lander.postCheckout(order(reference, token("aud-mismatch"), 101)).status()).isEqualTo(202);
        JsonNode declined = lander.awaitFinal(checkoutId(reference), FINAL_WITHIN);

        assertThat(declined.path("status").asText()).as(declined.toString()).isEqualTo("DECLINED");
        assertThat(declined.path("decline").path("class").asText()).isEqualTo("CONSENT");
        assertThat(crm.ordersPaidWith(reference)).isEmpty();
        assertThat(crmCalls(crm)).as("CRM calls made while it was declined").isEqualTo(crmCallsBefore);
    }

    private static JsonNode awaitStatus(Lander lander, String checkoutId, String wanted) {
        long deadline = System.nanoTime() + FINAL_WITHIN.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = lander.status(checkoutId, 5);
            if (wanted.equals(last.path("status").asText())) {
                return last;
            }
        }
        throw new AssertionError(checkoutId + " never became " + wanted + "; last: " + last);
    }

    private static int crmCalls(Sandbox crm) {
        int count = 0;
        for (JsonNode call : crm.calls()) {
            if (call.path("api").asText().equals("CRM")) {
                count++;
            }
        }
        return count;
    }

    private static List<Long> productIds(JsonNode order) {
        List<Long> ids = new ArrayList<>();
        order.path("items").forEach(item -> ids.add(item.path("productId").asLong()));
        return ids;
    }
}
