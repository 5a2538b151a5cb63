package io.checkoutrelay.sandbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.sandbox.SandboxHttpTest;
import tools.jackson.databind.JsonNode;

/** What tests and benchmarks read back: calls (redacted), orders, stats, concurrency, reset. */
class AdminReadBackTest extends SandboxHttpTest {

    private static final String ACCESS_TOKEN = "Atza|IwEBIsecret-access-token-0123456789";

    @Test
    void recordedCallsNeverShowPasswordsOrTokens() throws Exception {
        String orderId = importLead();
        crm("order/import", orderParams(orderId, 101));
        get("/auth/o2/tokeninfo?access_token=" + encode(ACCESS_TOKEN));
        get("/user/profile", "Authorization", "Bearer " + ACCESS_TOKEN);
        postForm("/leads/import/?loginId=" + LOGIN_ID + "&password=" + encode(PASSWORD), leadParams());

        String calls = get("/sandbox/calls").body();

        assertThat(calls).doesNotContain(PASSWORD, encode(PASSWORD), ACCESS_TOKEN, CONSENT_TOKEN,
                "secret-access-token", "consent-token");
        assertThat(calls).contains(sha256(ACCESS_TOKEN), sha256(CONSENT_TOKEN));
        JsonNode orderCall = body(get("/sandbox/calls?endpoint=order/import")).get(0);
        assertThat(orderCall.get("params").get("password").asString()).isEqualTo("***");
        assertThat(orderCall.get("params").get("amazonAddressConsent").asString()).isEqualTo(sha256(CONSENT_TOKEN));
        assertThat(adminOrder(orderId).get("amazonAddressConsent").asString()).isEqualTo(sha256(CONSENT_TOKEN));
        assertThat(get("/sandbox/orders").body()).doesNotContain(CONSENT_TOKEN);
    }

    @Test
    void callsAreListedInOrderWithStatusAndCanBeFiltered() throws Exception {
        String orderId = importLead();
        postForm("/order/import/", withLogin(orderParams(orderId, 9004)));
        queryOrder(orderId);

        JsonNode all = body(get("/sandbox/calls"));
        JsonNode imports = body(get("/sandbox/calls?endpoint=order/import"));

        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("endpoint").asString()).isEqualTo("leads/import");
        assertThat(all.get(1).get("status").asInt()).isEqualTo(503);
        assertThat(all.get(2).get("endpoint").asString()).isEqualTo("order/query");
        assertThat(all.get(0).get("seq").asLong()).isLessThan(all.get(1).get("seq").asLong());
        assertThat(all.get(0).has("receivedAt")).isTrue();
        assertThat(imports).hasSize(1);
        assertThat(imports.get(0).get("outcome").asString()).isEqualTo("HTTP_503");
    }

    @Test
    void statsCountByEndpointAndOutcome() throws Exception {
        String orderId = importLead();
        crm("order/import", orderParams(orderId, 9001));
        crm("order/import", orderParams(orderId, 101));
        get("/auth/o2/tokeninfo?access_token=" + encode("Atza|revoked"));

        JsonNode stats = body(get("/sandbox/stats"));

        JsonNode crmCalls = stats.get("crm").get("calls");
        assertThat(crmCalls.get("leads/import").get("SUCCESS").asInt()).isEqualTo(1);
        assertThat(crmCalls.get("order/import").get("DECLINED:InvalidPaymentMethod").asInt()).isEqualTo(1);
        assertThat(crmCalls.get("order/import").get("SUCCESS").asInt()).isEqualTo(1);
        assertThat(stats.get("amazon").get("calls").get("auth/o2/tokeninfo").get("HTTP_401:invalid_token").asInt())
                .isEqualTo(1);
        assertThat(stats.get("ordersByStatus").get("COMPLETE").asInt()).isEqualTo(1);
    }

    @Test
    void resetClearsEverything() throws Exception {
        importLead();
        post("/sandbox/rules", """
                {"endpoint":"leads/import","respond":{"status":503}}""");
        post("/sandbox/settings", """
                {"crm.latency":"5ms"}""");

        post("/sandbox/reset", "");

        assertThat(body(get("/sandbox/calls"))).isEmpty();
        assertThat(body(get("/sandbox/orders"))).isEmpty();
        assertThat(body(get("/sandbox/rules"))).isEmpty();
        assertThat(body(get("/sandbox/settings")).get("crm.latency").asString()).isEqualTo("0ms");
        JsonNode stats = body(get("/sandbox/stats"));
        assertThat(stats.get("crm").get("calls").isEmpty()).isTrue();
        assertThat(stats.get("crm").get("peakConcurrency").asInt()).isZero();
    }

    @Test
    void unknownOrderIs404() throws Exception {
        assertThat(get("/sandbox/orders/NOSUCHORD1").statusCode()).isEqualTo(404);
    }

    @Test
    void peakConcurrencyCountsParallelCallsUnderLatency() throws Exception {
        post("/sandbox/settings", """
                {"crm.latency":"1s","amazon.latency":"1s"}""");
        int parallel = 24;
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            calls.add(http.sendAsync(formRequest("/leads/import/", withLogin(leadParams()), null),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 5; i++) {
            calls.add(http.sendAsync(java.net.http.HttpRequest.newBuilder(
                    uri("/auth/o2/tokeninfo?access_token=" + encode("Atza|c" + i))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long start = System.nanoTime();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get().statusCode()).isEqualTo(200);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        JsonNode stats = body(get("/sandbox/stats"));
        assertThat(stats.get("crm").get("peakConcurrency").asInt()).isEqualTo(parallel);
        assertThat(stats.get("crm").get("currentConcurrency").asInt()).isZero();
        assertThat(stats.get("amazon").get("peakConcurrency").asInt()).isEqualTo(5);
        assertThat(elapsedMillis).as("latency is not serialised by a lock").isLessThan(parallel * 1000L / 2);
        assertThat(body(get("/sandbox/orders"))).hasSize(parallel);
    }

    private static String sha256(String value) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(digest);
    }
}
