package io.checkoutrelay.sandbox.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.checkoutrelay.sandbox.SandboxHttpTest;
import tools.jackson.databind.JsonNode;

/** The scripted outcomes selected by product id (9001–9011). The tests run with a 1.5 s timeout-delay. */
class CrmProductMarkerTest extends SandboxHttpTest {

    @ParameterizedTest(name = "{0} declines with {1}, order {2}")
    @CsvSource({
            "9001, InvalidPaymentMethod, DECLINED",
            "9002, AmazonRejected, DECLINED",
            "9007, ProcessingFailure, DECLINED",
            "9008, TransactionTimedOut, PARTIAL"})
    void declineMarkers(long productId, String reason, String statusAfter) throws Exception {
        String orderId = importLead();

        JsonNode answer = crm("order/import", orderParams(orderId, 101, productId));

        assertThat(answer.get("result").asString()).isEqualTo("ERROR");
        assertThat(answer.get("message").asString()).isEqualTo("Transaction Declined: " + reason);
        JsonNode order = adminOrder(orderId);
        assertThat(order.get("orderStatus").asString()).isEqualTo(statusAfter);
        assertThat(order.get("importOrderCalls").asInt()).isEqualTo(1);
        assertThat(order.get("completedImports").asInt()).isZero();
    }

    @Test
    void declinedOrderCanBeImportedAgain() throws Exception {
        String orderId = importLead();
        crm("order/import", orderParams(orderId, 9001));

        JsonNode retry = crm("order/import", orderParams(orderId, 101));

        assertThat(retry.get("result").asString()).isEqualTo("SUCCESS");
        assertThat(adminOrder(orderId).get("orderStatus").asString()).isEqualTo("COMPLETE");
    }

    @Test
    void marker9011DeclinesOnlyTheFirstImportOfAnOrder() throws Exception {
        String orderId = importLead();

        JsonNode first = crm("order/import", orderParams(orderId, 9011));
        assertThat(first.get("message").asString()).isEqualTo("Transaction Declined: InvalidPaymentMethod");
        assertThat(adminOrder(orderId).get("orderStatus").asString()).isEqualTo("DECLINED");

        JsonNode second = crm("order/import", orderParams(orderId, 9011));
        assertThat(second.get("result").asString()).isEqualTo("SUCCESS");
        assertThat(second.get("message").get("orderStatus").asString()).isEqualTo("COMPLETE");
        assertThat(adminOrder(orderId).get("importOrderCalls").asInt()).isEqualTo(2);
    }

    @Test
    void marker9003IsAnInvalidProductNamingItsField() throws Exception {
        String orderId = importLead();

        JsonNode answer = crm("order/import", orderParams(orderId, 101, 9003));

        assertThat(answer.get("message").get("product2_id").asString()).isEqualTo("Invalid product");
        assertThat(adminOrder(orderId).get("orderStatus").asString()).isEqualTo("PARTIAL");
    }

    @Test
    void marker9004Is503WithHtmlAndNoChange() throws Exception {
        String orderId = importLead();

        HttpResponse<String> response = postForm("/order/import/", withLogin(orderParams(orderId, 9004)));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("<html>");
        assertUntouched(orderId);
    }

    @Test
    void marker9009IsHttp200WithNonJsonBody() throws Exception {
        String orderId = importLead();

        HttpResponse<String> response = postForm("/order/import/", withLogin(orderParams(orderId, 9009)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<html>Bad Gateway</html>");
        assertUntouched(orderId);
    }

    @Test
    void marker9010IsMerchantRedirect() throws Exception {
        String orderId = importLead();

        JsonNode answer = crm("order/import", orderParams(orderId, 9010));

        assertThat(answer.get("result").asString()).isEqualTo("MERC_REDIRECT");
        assertThat(answer.get("message").get("url").asString()).isEqualTo("https://example.test/3ds");
        assertUntouched(orderId);
    }

    @Test
    void marker9005TimesOutBeforeTheOrderChanges() throws Exception {
        String orderId = importLead();

        assertThatThrownBy(() -> send(formRequest("/order/import/", withLogin(orderParams(orderId, 9005)),
                Duration.ofMillis(300)))).isInstanceOf(HttpTimeoutException.class);

        assertUntouched(orderId);
        awaitNoCallsInFlight();
        assertUntouched(orderId);
    }

    @Test
    void marker9006CompletesTheOrderAlthoughTheCallerTimedOut() throws Exception {
        String orderId = importLead();
        long start = System.nanoTime();

        assertThatThrownBy(() -> send(formRequest("/order/import/", withLogin(orderParams(orderId, 101, 9006)),
                Duration.ofMillis(300)))).isInstanceOf(HttpTimeoutException.class);

        JsonNode order = queryOrder(orderId).get("message").get("data").get(0);
        assertThat(order.get("orderStatus").asString()).isEqualTo("COMPLETE");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void marker9006AnswersSuccessAfterTheTimeoutDelay() throws Exception {
        String orderId = importLead();
        long start = System.nanoTime();

        JsonNode answer = crm("order/import", orderParams(orderId, 9006));

        assertThat(answer.get("result").asString()).isEqualTo("SUCCESS");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void upsaleMarkerDeclinesTheUpsellButNotTheOrder() throws Exception {
        String orderId = importLead();
        crm("order/import", orderParams(orderId, 101));

        JsonNode answer = crm("upsale/import", upsaleParams(orderId, 9002));

        assertThat(answer.get("message").asString()).isEqualTo("Transaction Declined: AmazonRejected");
        JsonNode order = adminOrder(orderId);
        assertThat(order.get("orderStatus").asString()).isEqualTo("COMPLETE");
        assertThat(order.get("items")).hasSize(1);
        assertThat(order.get("upsaleCalls").asInt()).isEqualTo(1);
    }

    @Test
    void upsaleMarker9011DeclinesTheFirstAttemptOnly() throws Exception {
        String orderId = importLead();
        crm("order/import", orderParams(orderId, 101));

        JsonNode first = crm("upsale/import", upsaleParams(orderId, 9011));
        JsonNode second = crm("upsale/import", upsaleParams(orderId, 9011));

        assertThat(first.get("result").asString()).isEqualTo("ERROR");
        assertThat(second.get("result").asString()).isEqualTo("SUCCESS");
        assertThat(adminOrder(orderId).get("items")).hasSize(2);
    }

    private void assertUntouched(String orderId) throws Exception {
        JsonNode order = adminOrder(orderId);
        assertThat(order.get("orderStatus").asString()).isEqualTo("PARTIAL");
        assertThat(order.get("importOrderCalls").asInt()).isZero();
        assertThat(order.get("items")).isEmpty();
    }
}
