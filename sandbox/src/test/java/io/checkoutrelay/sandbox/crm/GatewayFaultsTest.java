package io.checkoutrelay.sandbox.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.sandbox.SandboxHttpTest;
import tools.jackson.databind.JsonNode;

/**
 * What a real CRM behind a gateway does on a bad day: a 504 while the CRM still commits the sale, a
 * reply lost after the commit, a sale that lands in a new order, quantities merged into one line.
 */
class GatewayFaultsTest extends SandboxHttpTest {

    @Test
    void gatewayAnswers504AndTheCrmCommitsTheOrderSecondsLater() throws Exception {
        String orderId = importLead();
        post("/sandbox/rules", """
                {"endpoint":"order/import","match":{"orderId":"%s"},"respond":{"status":504,"commitAfterMillis":1200}}
                """.formatted(orderId));

        HttpResponse<String> answer = postForm("/order/import/", withLogin(orderParams(orderId, 101)));

        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(orderStatus(orderId)).isEqualTo("PARTIAL");
        assertThat(awaitStatus(orderId, "COMPLETE", Duration.ofSeconds(5))).isEqualTo("COMPLETE");
        assertThat(adminOrder(orderId).get("completedImports").asInt()).isEqualTo(1);
    }

    @Test
    void aResendWhileTheCrmIsStillWorkingChargesTwice() throws Exception {
        String orderId = importLead();
        post("/sandbox/rules", """
                {"endpoint":"order/import","match":{"orderId":"%s"},"respond":{"status":502,"commitAfterMillis":800}}
                """.formatted(orderId));
        postForm("/order/import/", withLogin(orderParams(orderId, 101)));

        JsonNode resent = crm("order/import", orderParams(orderId, 101));

        assertThat(resent.get("result").asString()).isEqualTo("SUCCESS");
        awaitCompletedImports(orderId, 2, Duration.ofSeconds(5));
        assertThat(adminOrder(orderId).get("completedImports").asInt()).isEqualTo(2);
    }

    @Test
    void replyLostAfterTheCommit() throws Exception {
        String orderId = importLead();
        post("/sandbox/rules", """
                {"endpoint":"order/import","match":{"orderId":"%s"},"respond":{"status":502,"afterApply":true}}
                """.formatted(orderId));

        HttpResponse<String> answer = postForm("/order/import/", withLogin(orderParams(orderId, 101)));

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.body()).contains("502 Bad Gateway");
        assertThat(orderStatus(orderId)).isEqualTo("COMPLETE");
    }

    @Test
    void gatewayFaultRatesApplyToMoneyCallsOnly() throws Exception {
        String lost = importLead();
        String late = importLead();
        post("/sandbox/settings", """
                {"crm.lost-reply-rate":1}""");
        HttpResponse<String> lostAnswer = postForm("/order/import/", withLogin(orderParams(lost, 101)));
        JsonNode query = queryOrder(lost);
        post("/sandbox/settings", """
                {"crm.lost-reply-rate":0,"crm.late-commit-rate":1,"crm.late-commit-delay":"700ms"}""");
        HttpResponse<String> lateAnswer = postForm("/order/import/", withLogin(orderParams(late, 101)));
        String rightAfter = orderStatus(late);

        assertThat(lostAnswer.statusCode()).isEqualTo(502);
        assertThat(query.get("result").asString()).isEqualTo("SUCCESS");
        assertThat(query.get("message").get("data").get(0).get("orderStatus").asString()).isEqualTo("COMPLETE");
        assertThat(lateAnswer.statusCode()).isEqualTo(504);
        assertThat(rightAfter).isEqualTo("PARTIAL");
        assertThat(awaitStatus(late, "COMPLETE", Duration.ofSeconds(5))).isEqualTo("COMPLETE");
        assertThat(body(get("/sandbox/settings")).get("crm.late-commit-delay").asString()).isEqualTo("700ms");
    }

    @Test
    void aRuleCanPutTheSaleIntoANewOrder() throws Exception {
        String lead = importLead();
        post("/sandbox/rules", """
                {"endpoint":"order/import","match":{"orderId":"%s"},"respond":{"newOrder":true}}""".formatted(lead));

        JsonNode answer = crm("order/import", orderParams(lead, 101));

        String newOrderId = answer.get("message").get("orderId").asString();
        assertThat(answer.get("result").asString()).isEqualTo("SUCCESS");
        assertThat(newOrderId).isNotEqualTo(lead);
        assertThat(orderStatus(newOrderId)).isEqualTo("COMPLETE");
        assertThat(orderStatus(lead)).isEqualTo("PARTIAL");
    }

    @Test
    void mergingCrmRaisesTheQuantityOfAProductAlreadyOnTheOrder() throws Exception {
        String orderId = importLead();
        crm("order/import", orderParams(orderId, 205));
        post("/sandbox/settings", """
                {"crm.merge-quantities":true}""");

        JsonNode upsale = crm("upsale/import", upsaleParams(orderId, 205));

        JsonNode items = upsale.get("message").get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("productId").asLong()).isEqualTo(205);
        assertThat(items.get(0).get("qty").asInt()).isEqualTo(2);
        assertThat(queryOrder(orderId).get("message").get("data").get(0).get("items").get(0).get("qty").asInt())
                .isEqualTo(2);
    }

    @Test
    void aRuleCanAnswerAnOddSuccessLikeAnEmptyQueryPage() throws Exception {
        String orderId = importLead();
        post("/sandbox/rules", """
                {"endpoint":"order/query","match":{"orderId":"%s"},"respond":{"success":{"totalResults":0,"data":[]}}}
                """.formatted(orderId));

        JsonNode odd = queryOrder(orderId);
        JsonNode normal = queryOrder(orderId);

        assertThat(odd.get("result").asString()).isEqualTo("SUCCESS");
        assertThat(odd.get("message").get("data")).isEmpty();
        assertThat(normal.get("message").get("data").get(0).get("orderStatus").asString()).isEqualTo("PARTIAL");
    }

    @Test
    void aCommitBehindTheAnswerIsRefusedWhereNoMoneyMoves() throws Exception {
        HttpResponse<String> onQuery = post("/sandbox/rules", """
                {"endpoint":"order/query","respond":{"status":504,"commitAfterMillis":1000}}""");
        HttpResponse<String> withDecline = post("/sandbox/rules", """
                {"endpoint":"order/import","respond":{"declineReason":"AmazonRejected","commitAfterMillis":1000}}""");
        HttpResponse<String> newOrderOnUpsale = post("/sandbox/rules", """
                {"endpoint":"upsale/import","respond":{"newOrder":true}}""");

        assertThat(onQuery.statusCode()).isEqualTo(400);
        assertThat(onQuery.body()).contains("order/import and upsale/import only");
        assertThat(withDecline.statusCode()).isEqualTo(400);
        assertThat(withDecline.body()).contains("respond.commitAfterMillis");
        assertThat(newOrderOnUpsale.statusCode()).isEqualTo(400);
        assertThat(newOrderOnUpsale.body()).contains("respond.newOrder");
    }

    private String orderStatus(String orderId) throws Exception {
        return adminOrder(orderId).get("orderStatus").asString();
    }

    private String awaitStatus(String orderId, String wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String status = orderStatus(orderId);
        while (!wanted.equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = orderStatus(orderId);
        }
        return status;
    }

    private void awaitCompletedImports(String orderId, int wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (adminOrder(orderId).get("completedImports").asInt() < wanted && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
