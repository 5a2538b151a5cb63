package io.checkoutrelay.sandbox.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.sandbox.SandboxHttpTest;
import tools.jackson.databind.JsonNode;

/** The recommended flow, Import Lead → Import Order → Import Upsale → Order Query, as a service drives it. */
class CrmOrderFlowTest extends SandboxHttpTest {

    @Test
    void leadCreatesPartialOrderWithCrmLikeIds() throws Exception {
        JsonNode lead = crm("leads/import", leadParams());

        assertThat(lead.get("result").asString()).isEqualTo("SUCCESS");
        JsonNode message = lead.get("message");
        assertThat(message.get("orderId").asString()).matches("[A-Z0-9]{10}");
        assertThat(message.get("customerId").isIntegralNumber()).isTrue();
        assertThat(message.get("orderStatus").asString()).isEqualTo("PARTIAL");
        assertThat(message.get("campaignId").asInt()).isEqualTo(12);
    }

    @Test
    void importOrderOnLeadCompletesItAndQuerySeesIt() throws Exception {
        String orderId = importLead();
        Map<String, String> params = orderParams(orderId, 101, 102);
        params.put("product2_qty", "3");
        params.put("product2_price", "0.10");

        JsonNode imported = crm("order/import", params);

        assertThat(imported.get("result").asString()).isEqualTo("SUCCESS");
        JsonNode order = imported.get("message");
        assertThat(order.get("orderId").asString()).isEqualTo(orderId);
        assertThat(order.get("orderStatus").asString()).isEqualTo("COMPLETE");
        assertThat(order.get("paySource").asString()).isEqualTo("AMAZON");
        assertThat(order.get("totalAmount").asString()).as("decimal arithmetic, not double").isEqualTo("10.30");
        assertThat(order.get("items")).hasSize(2);
        assertThat(order.get("items").get(1).get("price").asString()).isEqualTo("0.10");
        assertThat(order.get("items").get(1).get("qty").asInt()).isEqualTo(3);

        JsonNode query = queryOrder(orderId);
        assertThat(query.get("result").asString()).isEqualTo("SUCCESS");
        assertThat(query.get("message").get("totalResults").asInt()).isEqualTo(1);
        assertThat(query.get("message").get("page").asInt()).isEqualTo(1);
        assertThat(query.get("message").get("resultsPerPage").asInt()).isEqualTo(25);
        JsonNode found = query.get("message").get("data").get(0);
        assertThat(found.get("orderStatus").asString()).isEqualTo("COMPLETE");
        assertThat(found.get("totalAmount").asString()).isEqualTo("10.30");

        JsonNode admin = adminOrder(orderId);
        assertThat(admin.get("amazonOrderId").asString()).isEqualTo("S01-1234567-1234567");
        assertThat(admin.get("importOrderCalls").asInt()).isEqualTo(1);
        assertThat(admin.get("completedImports").asInt()).isEqualTo(1);
    }

    @Test
    void importOrderWithoutOrderIdCreatesCompleteOrder() throws Exception {
        JsonNode imported = crm("order/import", orderParams(null, 101));

        assertThat(imported.get("result").asString()).isEqualTo("SUCCESS");
        String orderId = imported.get("message").get("orderId").asString();
        assertThat(queryOrder(orderId).get("message").get("data").get(0).get("orderStatus").asString())
                .isEqualTo("COMPLETE");
    }

    @Test
    void repeatedImportOfCompleteOrderChargesAgainAsTheRealCrmWould() throws Exception {
        String orderId = importLead();
        crm("order/import", orderParams(orderId, 101));

        JsonNode again = crm("order/import", orderParams(orderId, 101));

        assertThat(again.get("result").asString()).isEqualTo("SUCCESS");
        JsonNode admin = adminOrder(orderId);
        assertThat(admin.get("importOrderCalls").asInt()).isEqualTo(2);
        assertThat(admin.get("completedImports").asInt()).as("a double charge is visible").isEqualTo(2);
    }

    @Test
    void upsaleAddsItemVisibleInQuery() throws Exception {
        String orderId = importLead();
        crm("order/import", orderParams(orderId, 101));

        JsonNode upsale = crm("upsale/import", upsaleParams(orderId, 205));

        assertThat(upsale.get("result").asString()).isEqualTo("SUCCESS");
        JsonNode order = queryOrder(orderId).get("message").get("data").get(0);
        assertThat(order.get("items")).hasSize(2);
        assertThat(order.get("items").get(1).get("productId").asLong()).isEqualTo(205);
        assertThat(order.get("items").get(1).get("price").asString()).isEqualTo("9.95");
        assertThat(order.get("totalAmount").asString()).isEqualTo("19.95");
        assertThat(adminOrder(orderId).get("upsaleCalls").asInt()).isEqualTo(1);
    }

    @Test
    void upsaleCanReplaceAProduct() throws Exception {
        String orderId = importLead();
        crm("order/import", orderParams(orderId, 101));
        Map<String, String> params = upsaleParams(orderId, 206);
        params.put("replaceProductId", "101");

        crm("upsale/import", params);

        JsonNode items = queryOrder(orderId).get("message").get("data").get(0).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("productId").asLong()).isEqualTo(206);
    }

    @Test
    void upsaleNeedsAKnownCompleteOrder() throws Exception {
        String partial = importLead();

        JsonNode onPartial = crm("upsale/import", upsaleParams(partial, 205));
        JsonNode onUnknown = crm("upsale/import", upsaleParams("NOSUCHORD1", 205));

        assertThat(onPartial.get("result").asString()).isEqualTo("ERROR");
        assertThat(onPartial.get("message").asString()).contains("PARTIAL");
        assertThat(onUnknown.get("result").asString()).isEqualTo("ERROR");
        assertThat(onUnknown.get("message").get("orderId").asString()).isEqualTo("is invalid");
    }

    @Test
    void queryWithoutMatchIsNotFoundNotAnOutage() throws Exception {
        JsonNode query = queryOrder("NOSUCHORD1");

        assertThat(query.get("result").asString()).isEqualTo("ERROR");
        assertThat(query.get("message").asString()).isEqualTo("No orders matching those parameters could be found");
    }

    @Test
    void queryByDateRangeFiltersByStatus() throws Exception {
        String partial = importLead();
        String complete = importLead();
        crm("order/import", orderParams(complete, 101));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("M/d/yyyy"));

        JsonNode query = crm("order/query", Map.of("startDate", today, "endDate", today, "orderStatus", "PARTIAL"));

        assertThat(query.get("message").get("totalResults").asInt()).isEqualTo(1);
        assertThat(query.get("message").get("data").get(0).get("orderId").asString()).isEqualTo(partial);
    }
}
