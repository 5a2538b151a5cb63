package io.checkoutrelay.sandbox.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.sandbox.SandboxHttpTest;
import tools.jackson.databind.JsonNode;

/** Runtime rules ({@code /sandbox/rules}) and settings ({@code /sandbox/settings}). */
class RulesAndSettingsTest extends SandboxHttpTest {

    @Test
    void ruleAnswers503TwiceThenTheCallSucceeds() throws Exception {
        String orderId = importLead();
        HttpResponse<String> added = post("/sandbox/rules", """
                {"endpoint":"order/import","match":{"orderId":"%s"},"times":2,"respond":{"status":503}}
                """.formatted(orderId));
        assertThat(added.statusCode()).isEqualTo(201);

        int first = postForm("/order/import/", withLogin(orderParams(orderId, 101))).statusCode();
        int second = postForm("/order/import/", withLogin(orderParams(orderId, 101))).statusCode();
        assertThat(adminOrder(orderId).get("orderStatus").asString()).isEqualTo("PARTIAL");
        JsonNode third = crm("order/import", orderParams(orderId, 101));

        assertThat(first).isEqualTo(503);
        assertThat(second).isEqualTo(503);
        assertThat(third.get("result").asString()).isEqualTo("SUCCESS");
        assertThat(body(get("/sandbox/rules"))).isEmpty();
    }

    @Test
    void ruleOnlyMatchesCallsWithItsParameters() throws Exception {
        String scripted = importLead();
        String other = importLead();
        post("/sandbox/rules", """
                {"endpoint":"/order/import/","match":{"orderId":"%s"},"respond":{"status":503}}
                """.formatted(scripted));

        JsonNode otherAnswer = crm("order/import", orderParams(other, 101));

        assertThat(otherAnswer.get("result").asString()).isEqualTo("SUCCESS");
        assertThat(body(get("/sandbox/rules")).get(0).get("remaining").asInt()).isEqualTo(1);
    }

    @Test
    void rulesAreConsumedInOrder() throws Exception {
        String orderId = importLead();
        post("/sandbox/rules", """
                {"endpoint":"order/import","respond":{"declineReason":"InvalidPaymentMethod"}}""");
        post("/sandbox/rules", """
                {"endpoint":"order/import","respond":{"declineReason":"AmazonRejected"}}""");

        JsonNode first = crm("order/import", orderParams(orderId, 101));
        JsonNode second = crm("order/import", orderParams(orderId, 101));
        JsonNode third = crm("order/import", orderParams(orderId, 101));

        assertThat(first.get("message").asString()).endsWith("InvalidPaymentMethod");
        assertThat(second.get("message").asString()).endsWith("AmazonRejected");
        assertThat(third.get("result").asString()).isEqualTo("SUCCESS");
    }

    @Test
    void declineRuleDeclinesTheOrder() throws Exception {
        String orderId = importLead();
        post("/sandbox/rules", """
                {"endpoint":"order/import","respond":{"declineReason":"InvalidPaymentMethod"}}""");

        crm("order/import", orderParams(orderId, 101));

        JsonNode order = adminOrder(orderId);
        assertThat(order.get("orderStatus").asString()).isEqualTo("DECLINED");
        assertThat(order.get("declineReason").asString()).isEqualTo("InvalidPaymentMethod");
    }

    @Test
    void delayAfterApplyChangesStateBeforeAnswering() throws Exception {
        String orderId = importLead();
        post("/sandbox/rules", """
                {"endpoint":"order/import","respond":{"delayMillis":600,"afterApply":true}}""");
        long start = System.nanoTime();

        JsonNode answer = crm("order/import", orderParams(orderId, 101));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(answer.get("result").asString()).isEqualTo("SUCCESS");
    }

    @Test
    void scriptedErrorAndNonJsonAnswers() throws Exception {
        post("/sandbox/rules", """
                {"endpoint":"leads/import","respond":{"error":{"emailAddress":"is invalid"}}}""");
        post("/sandbox/rules", """
                {"endpoint":"leads/import","respond":{"nonJson":true}}""");

        JsonNode error = crm("leads/import", leadParams());
        HttpResponse<String> nonJson = postForm("/leads/import/", withLogin(leadParams()));

        assertThat(error.get("message").get("emailAddress").asString()).isEqualTo("is invalid");
        assertThat(nonJson.body()).isEqualTo("<html>Bad Gateway</html>");
        assertThat(body(get("/sandbox/orders"))).isEmpty();
    }

    @Test
    void badRulesAreRefusedWithTheReason() throws Exception {
        HttpResponse<String> unknownEndpoint = post("/sandbox/rules", """
                {"endpoint":"order/delete","respond":{"status":503}}""");
        HttpResponse<String> declineOnQuery = post("/sandbox/rules", """
                {"endpoint":"order/query","respond":{"declineReason":"AmazonRejected"}}""");
        HttpResponse<String> noResponse = post("/sandbox/rules", """
                {"endpoint":"order/import"}""");

        assertThat(unknownEndpoint.statusCode()).isEqualTo(400);
        assertThat(body(unknownEndpoint).get("error").asString()).contains("endpoint");
        assertThat(declineOnQuery.statusCode()).isEqualTo(400);
        assertThat(noResponse.statusCode()).isEqualTo(400);
    }

    @Test
    void deleteClearsTheRules() throws Exception {
        post("/sandbox/rules", """
                {"endpoint":"leads/import","times":5,"respond":{"status":500}}""");

        delete("/sandbox/rules");

        assertThat(body(get("/sandbox/rules"))).isEmpty();
        assertThat(crm("leads/import", leadParams()).get("result").asString()).isEqualTo("SUCCESS");
    }

    @Test
    void outageMakesEveryCrmCall503UntilReset() throws Exception {
        JsonNode settings = body(post("/sandbox/settings", """
                {"crm.outage":true}"""));
        assertThat(settings.get("crm.outage").asBoolean()).isTrue();

        assertThat(postForm("/leads/import/", withLogin(leadParams())).statusCode()).isEqualTo(503);
        assertThat(postForm("/order/query/", withLogin(leadParams())).statusCode()).isEqualTo(503);

        post("/sandbox/reset", "");
        assertThat(body(get("/sandbox/settings")).get("crm.outage").asBoolean()).isFalse();
        assertThat(crm("leads/import", leadParams()).get("result").asString()).isEqualTo("SUCCESS");
    }

    @Test
    void failureRateOneFailsEveryCallBeforeTouchingState() throws Exception {
        post("/sandbox/settings", """
                {"sandbox.crm.failure-rate":1.0,"amazon.failureRate":1}""");

        assertThat(postForm("/leads/import/", withLogin(leadParams())).statusCode()).isEqualTo(503);
        assertThat(get("/auth/o2/tokeninfo?access_token=" + encode("Atza|x")).statusCode()).isEqualTo(503);
        assertThat(body(get("/sandbox/orders"))).isEmpty();
    }

    @Test
    void throttleRateOneAnswersEveryAmazonCall429AndRateZeroNone() throws Exception {
        post("/sandbox/settings", """
                {"amazon.throttle-rate":1}""");

        HttpResponse<String> throttled = get("/auth/o2/tokeninfo?access_token=" + encode("Atza|IwEBIthrottled-buyer"));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(body(throttled).get("error").asString()).isEqualTo("too_many_requests");

        post("/sandbox/settings", """
                {"amazon.throttleRate":0}""");
        assertThat(get("/auth/o2/tokeninfo?access_token=" + encode("Atza|IwEBIthrottled-buyer")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void latencySettingSlowsCalls() throws Exception {
        post("/sandbox/settings", """
                {"crm.latency":"300ms"}""");
        long start = System.nanoTime();

        crm("leads/import", leadParams());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(body(get("/sandbox/settings")).get("crm.latency").asString()).isEqualTo("300ms");
    }

    @Test
    void callsAboveMaxConcurrentAnswer429AtOnceAndTheRestSucceed() throws Exception {
        post("/sandbox/settings", """
                {"crm.latency":"1500ms","crm.max-concurrent":2}""");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(http.sendAsync(formRequest("/leads/import/", withLogin(leadParams()), Duration.ofSeconds(10)),
                    HttpResponse.BodyHandlers.ofString()));
        }

        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            statuses.add(call.get().statusCode());
        }

        assertThat(statuses).containsOnly(200, 429);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(2);
        assertThat(body(get("/sandbox/orders")).size()).isEqualTo(2);
        JsonNode leadOutcomes = body(get("/sandbox/stats")).get("crm").get("calls").get("leads/import");
        assertThat(leadOutcomes.get("HTTP_429").asInt()).isEqualTo(3);
        assertThat(body(get("/sandbox/settings")).get("crm.max-concurrent").asInt()).isEqualTo(2);
    }

    @Test
    void maxConcurrentZeroMeansUnlimited() throws Exception {
        post("/sandbox/settings", """
                {"crm.latency":"300ms","crmMaxConcurrent":0}""");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(http.sendAsync(formRequest("/leads/import/", withLogin(leadParams()), Duration.ofSeconds(10)),
                    HttpResponse.BodyHandlers.ofString()));
        }

        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void badMaxConcurrentIsRefused() throws Exception {
        HttpResponse<String> negative = post("/sandbox/settings", """
                {"crm.max-concurrent":-1}""");
        HttpResponse<String> notANumber = post("/sandbox/settings", """
                {"crm.max-concurrent":"many"}""");

        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(body(negative).get("error").asString()).contains("crm.max-concurrent");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(body(notANumber).get("error").asString()).contains("crm.max-concurrent");
    }

    @Test
    void badSettingsAreRefusedAndChangeNothing() throws Exception {
        HttpResponse<String> unknown = post("/sandbox/settings", """
                {"crm.latency":"1s","crm.colour":"blue"}""");
        HttpResponse<String> outOfRange = post("/sandbox/settings", """
                {"crm.failure-rate":2}""");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(body(unknown).get("error").asString()).contains("crm.colour");
        assertThat(outOfRange.statusCode()).isEqualTo(400);
        assertThat(body(get("/sandbox/settings")).get("crm.latency").asString()).isEqualTo("0ms");
    }
}
