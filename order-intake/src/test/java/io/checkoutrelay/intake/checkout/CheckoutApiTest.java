package io.checkoutrelay.intake.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.checkoutrelay.intake.support.Checkouts;
import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.intake.support.SharedIntake;
import io.checkoutrelay.intake.support.Statuses;
import io.checkoutrelay.intake.support.Topic;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import io.checkoutrelay.schemas.token.TokenCipher;
import io.checkoutrelay.schemas.token.TokenKeyRing;
import io.checkoutrelay.schemas.topic.Topics;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every response code of the contract, against a real broker and registry. */
@ExtendWith({RealInfrastructure.class, SharedIntake.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckoutApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Infrastructure infra;
    private String tokenKeys;
    private RunningIntake intake;

    @BeforeAll
    void connect(SharedIntake.Instance shared) {
        this.infra = shared.infra();
        this.tokenKeys = shared.tokenKeys();
        this.intake = shared.intake();
    }

    @Test
    void acceptedCheckoutIsDurableWithAnEncryptedTokenBeforeThe202() {
        String reference = Checkouts.newOrderReferenceId();
        String checkoutId = CheckoutIds.checkoutId(reference);

        HttpResponse<String> response = intake.postJson("/v1/checkouts", Checkouts.order(reference));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).hasValue("/v1/checkouts/" + checkoutId);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("checkoutId").asString()).isEqualTo(checkoutId);
        assertThat(body.path("status").asString()).isEqualTo("ACCEPTED");
        // acknowledged by the broker before the answer: readable right now
        List<AmazonCheckoutCaptured> captured = Topic.recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), checkoutId);
        assertThat(captured).hasSize(1);
        AmazonCheckoutCaptured record = captured.get(0);
        assertThat(record.getKind()).isEqualTo(CheckoutKind.ORDER);
        assertThat(record.getAttempt()).isEqualTo(1);
        assertThat(record.getAmazon().getOrderReferenceId()).isEqualTo(reference);
        assertThat(record.getAmazon().getBillerId()).isEqualTo(7L);
        assertThat(record.getOrder().getCampaignId()).isEqualTo(12L);
        assertThat(record.getOrder().getProducts()).hasSize(2);
        assertThat(record.getOrder().getProducts().get(0).getPrice()).isEqualTo(new BigDecimal("29.95"));
        assertThat(record.getOrder().getProducts().get(1).getQuantity()).isEqualTo(1);
        assertThat(record.getOrder().getIpAddress()).isEqualTo("127.0.0.1");
        assertThat(new TokenCipher(TokenKeyRing.parse(tokenKeys)).decrypt(record.getAmazon().getAccessToken(), checkoutId))
                .isEqualTo(Checkouts.TOKEN);
        // its ACCEPTED status follows the 202 (written once the captured record is durable, not waited for)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<CheckoutStatusChanged> statuses = Topic.recordsWithKey(infra, Topics.CHECKOUT_STATUS.name(), checkoutId);
            assertThat(statuses).extracting(CheckoutStatusChanged::getStatus).containsExactly(CheckoutStatus.ACCEPTED);
            assertThat(statuses.get(0).getChangedBy()).isEqualTo("order-intake");
        });
    }

    @Test
    void resubmissionOfAKnownCheckoutAnswers200AndPublishesNothing() {
        String reference = Checkouts.newOrderReferenceId();
        String checkoutId = CheckoutIds.checkoutId(reference);
        assertThat(intake.postJson("/v1/checkouts", Checkouts.order(reference)).statusCode()).isEqualTo(202);

        HttpResponse<String> again = intake.postJson("/v1/checkouts", Checkouts.order(reference));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Location")).hasValue("/v1/checkouts/" + checkoutId);
        assertThat(JSON.readTree(again.body()).path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(Topic.recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), checkoutId)).hasSize(1);
    }

    @Test
    void resubmissionAfterACustomerActionDeclineIsTheNextAttempt() {
        String reference = Checkouts.newOrderReferenceId();
        String checkoutId = CheckoutIds.checkoutId(reference);
        intake.postJson("/v1/checkouts", Checkouts.order(reference));
        Topic.writeStatus(infra, Statuses.declined(checkoutId, 1, DeclineClass.CUSTOMER_ACTION, "InvalidPaymentMethod"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                JSON.readTree(intake.get("/v1/checkouts/" + checkoutId).body()).path("status").asString().equals("DECLINED"));

        HttpResponse<String> resubmitted = intake.postJson("/v1/checkouts", Checkouts.order(reference));

        assertThat(resubmitted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(resubmitted.body()).path("attempt").asInt()).isEqualTo(2);
        assertThat(Topic.<AmazonCheckoutCaptured>recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), checkoutId))
                .extracting(AmazonCheckoutCaptured::getAttempt).containsExactly(1, 2);
        JsonNode status = JSON.readTree(intake.get("/v1/checkouts/" + checkoutId).body());
        assertThat(status.path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(status.path("attempt").asInt()).isEqualTo(2);
        // a double click on the new attempt is a duplicate again
        assertThat(intake.postJson("/v1/checkouts", Checkouts.order(reference)).statusCode()).isEqualTo(200);
    }

    @Test
    void resubmissionAfterAnUnavailableDeclineWithinTheTokensLifeIsTheNextAttempt() {
        String reference = Checkouts.newOrderReferenceId();
        String checkoutId = CheckoutIds.checkoutId(reference);
        intake.postJson("/v1/checkouts", Checkouts.order(reference));
        Topic.writeStatus(infra, Statuses.declined(checkoutId, 1, DeclineClass.UNAVAILABLE, "retry_budget_exhausted"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                JSON.readTree(intake.get("/v1/checkouts/" + checkoutId).body()).path("status").asString().equals("DECLINED"));

        HttpResponse<String> resubmitted = intake.postJson("/v1/checkouts", Checkouts.order(reference));

        assertThat(resubmitted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(resubmitted.body()).path("attempt").asInt()).isEqualTo(2);
        assertThat(Topic.<AmazonCheckoutCaptured>recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), checkoutId))
                .extracting(AmazonCheckoutCaptured::getAttempt).containsExactly(1, 2);
        assertThat(intake.postJson("/v1/checkouts", Checkouts.order(reference)).statusCode()).isEqualTo(200);
    }

    @Test
    void resubmissionAfterAnUnavailableDeclineOlderThanTheTokensLifeReturnsTheDeclinedCheckout() {
        String reference = Checkouts.newOrderReferenceId();
        String checkoutId = CheckoutIds.checkoutId(reference);
        intake.postJson("/v1/checkouts", Checkouts.order(reference));
        Topic.writeStatus(infra, CheckoutStatusChanged.newBuilder(Statuses.declined(checkoutId, 1,
                        DeclineClass.UNAVAILABLE, "retry_budget_exhausted"))
                .setChangedAt(java.time.Instant.now().minus(Duration.ofMinutes(61))).build());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                JSON.readTree(intake.get("/v1/checkouts/" + checkoutId).body()).path("status").asString().equals("DECLINED"));

        HttpResponse<String> resubmitted = intake.postJson("/v1/checkouts", Checkouts.order(reference));

        assertThat(resubmitted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(resubmitted.body()).path("decline").path("class").asString()).isEqualTo("UNAVAILABLE");
        assertThat(Topic.recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), checkoutId)).hasSize(1);
    }

    @Test
    void resubmissionAfterAConsentDeclineIsTheNextAttempt() {
        String reference = Checkouts.newOrderReferenceId();
        String checkoutId = CheckoutIds.checkoutId(reference);
        intake.postJson("/v1/checkouts", Checkouts.order(reference));
        Topic.writeStatus(infra, Statuses.declined(checkoutId, 1, DeclineClass.CONSENT, "token_expired"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                JSON.readTree(intake.get("/v1/checkouts/" + checkoutId).body()).path("status").asString().equals("DECLINED"));

        HttpResponse<String> resubmitted = intake.postJson("/v1/checkouts", Checkouts.order(reference));

        assertThat(resubmitted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(resubmitted.body()).path("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void resubmissionAfterATerminalDeclineReturnsTheDeclinedCheckout() {
        String reference = Checkouts.newOrderReferenceId();
        String checkoutId = CheckoutIds.checkoutId(reference);
        intake.postJson("/v1/checkouts", Checkouts.order(reference));
        Topic.writeStatus(infra, Statuses.declined(checkoutId, 1, DeclineClass.TERMINAL, "AmazonRejected"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                JSON.readTree(intake.get("/v1/checkouts/" + checkoutId).body()).path("status").asString().equals("DECLINED"));

        HttpResponse<String> resubmitted = intake.postJson("/v1/checkouts", Checkouts.order(reference));

        assertThat(resubmitted.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(resubmitted.body());
        assertThat(body.path("decline").path("class").asString()).isEqualTo("TERMINAL");
        assertThat(body.path("decline").path("reason").asString()).isEqualTo("AmazonRejected");
        assertThat(Topic.recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), checkoutId)).hasSize(1);
    }

    @Test
    void statusAnswersFromTheViewAndLongPollsUntilImported() throws Exception {
        String reference = Checkouts.newOrderReferenceId();
        String checkoutId = CheckoutIds.checkoutId(reference);
        intake.postJson("/v1/checkouts", Checkouts.order(reference));

        HttpResponse<String> now = intake.get("/v1/checkouts/" + checkoutId);
        assertThat(now.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(now.body()).path("status").asString()).isEqualTo("ACCEPTED");

        var polling = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> intake.get("/v1/checkouts/" + checkoutId + "?waitSeconds=20"));
        Thread.sleep(500);
        assertThat(polling).isNotDone();
        long writtenAt = System.nanoTime();
        Topic.writeStatus(infra, Statuses.imported(checkoutId, 1, "CRM-1001"));
        HttpResponse<String> settled = polling.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - writtenAt)).isLessThan(Duration.ofSeconds(5));
        JsonNode body = JSON.readTree(settled.body());
        assertThat(body.path("status").asString()).isEqualTo("IMPORTED");
        assertThat(body.path("crmOrderId").asString()).isEqualTo("CRM-1001");
        assertThat(body.path("updatedAt").asString()).isNotEmpty();
    }

    @Test
    void longPollOfAnUnsettledCheckoutAnswersWhenTheWaitEnds() {
        String reference = Checkouts.newOrderReferenceId();
        intake.postJson("/v1/checkouts", Checkouts.order(reference));
        long start = System.nanoTime();
        HttpResponse<String> response = intake.get("/v1/checkouts/" + CheckoutIds.checkoutId(reference) + "?waitSeconds=1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }

    @Test
    void unknownCheckoutIs404AndBadWaitIs400() {
        HttpResponse<String> unknown = intake.get("/v1/checkouts/" + CheckoutIds.checkoutId("S01-0000000-0000000"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(intake.get("/v1/checkouts/not-a-uuid").statusCode()).isEqualTo(404);
        HttpResponse<String> badWait = intake.get("/v1/checkouts/" + CheckoutIds.checkoutId("x") + "?waitSeconds=31");
        assertThat(badWait.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badWait.body()).path("errors").get(0).path("field").asString()).isEqualTo("waitSeconds");
        assertThat(intake.get("/v1/checkouts/" + CheckoutIds.checkoutId("x") + "?waitSeconds=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void upsellOnAKnownCheckoutIsAcceptedOnceAndOnAnUnknownOneIs404() {
        String reference = Checkouts.newOrderReferenceId();
        String checkoutId = CheckoutIds.checkoutId(reference);
        intake.postJson("/v1/checkouts", Checkouts.order(reference));
        String upsellReference = Checkouts.newOrderReferenceId();
        String upsellId = CheckoutIds.upsellIdForReference(checkoutId, upsellReference, 205);

        HttpResponse<String> accepted = intake.postJson("/v1/checkouts/" + checkoutId + "/upsells",
                Checkouts.upsell(upsellReference));

        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(accepted.body());
        assertThat(body.path("checkoutId").asString()).isEqualTo(checkoutId);
        assertThat(body.path("upsellId").asString()).isEqualTo(upsellId);
        assertThat(body.path("status").asString()).isEqualTo("ACCEPTED");
        List<AmazonCheckoutCaptured> captured = Topic.recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), checkoutId);
        assertThat(captured).extracting(AmazonCheckoutCaptured::getKind).containsExactly(CheckoutKind.ORDER, CheckoutKind.UPSELL);
        assertThat(captured.get(1).getUpsell().getUpsellId()).isEqualTo(upsellId);
        assertThat(captured.get(1).getUpsell().getPrice()).isEqualTo(new BigDecimal("9.95"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Topic.<CheckoutStatusChanged>recordsWithKey(infra, Topics.CHECKOUT_STATUS.name(),
                        Topics.upsellStatusKey(checkoutId, upsellId))).extracting(CheckoutStatusChanged::getProductId)
                .containsExactly(205L));
        JsonNode status = JSON.readTree(intake.get("/v1/checkouts/" + checkoutId).body());
        assertThat(status.path("upsells").get(0).path("upsellId").asString()).isEqualTo(upsellId);
        assertThat(status.path("upsells").get(0).path("productId").asLong()).isEqualTo(205L);

        assertThat(intake.postJson("/v1/checkouts/" + checkoutId + "/upsells", Checkouts.upsell(upsellReference))
                .statusCode()).isEqualTo(200);
        assertThat(Topic.recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), checkoutId)).hasSize(2);

        String unknownId = CheckoutIds.checkoutId(Checkouts.newOrderReferenceId());
        HttpResponse<String> unknown = intake.postJson("/v1/checkouts/" + unknownId + "/upsells",
                Checkouts.upsell(Checkouts.newOrderReferenceId()));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Topic.recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), unknownId)).isEmpty();
    }

    @Test
    void invalidFieldsAreAllNamedIn400() {
        String body = """
                {"campaignId": "12", "products": [{"productId": 0, "quantity": 100, "price": "-1"}],
                 "amazon": {"billerId": 1.5, "orderReferenceId": "nope", "accessToken": "Bearer abc", "recurring": "no"},
                 "customer": {"ipAddress": "999.1.1.1", "phoneNumber": "<script>"},
                 "couponCode": "1234567890123456789012345678901", "salesUrl": "javascript:alert(1)"}
                """;
        HttpResponse<String> response = intake.postJson("/v1/checkouts", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        List<String> fields = problem.path("errors").valueStream().map(e -> e.path("field").asString()).toList();
        assertThat(fields).containsExactlyInAnyOrder("campaignId", "products[0].productId", "products[0].quantity",
                "products[0].price", "amazon.billerId", "amazon.orderReferenceId", "amazon.accessToken",
                "amazon.recurring", "customer.ipAddress", "customer.phoneNumber", "couponCode", "salesUrl");
        assertThat(response.body()).doesNotContain("Bearer abc");
    }

    @Test
    void missingFieldsAreNamed() {
        HttpResponse<String> response = intake.postJson("/v1/checkouts", "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        List<String> fields = JSON.readTree(response.body()).path("errors").valueStream()
                .map(e -> e.path("field").asString()).toList();
        assertThat(fields).containsExactlyInAnyOrder("campaignId", "products", "amazon");
    }

    @Test
    void notJsonIs415TooLargeIs413MalformedIs400() {
        String reference = Checkouts.newOrderReferenceId();
        HttpResponse<String> text = intake.send(HttpRequest.newBuilder(URI.create(intake.url("/v1/checkouts")))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(Checkouts.order(reference))));
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> none = intake.send(HttpRequest.newBuilder(URI.create(intake.url("/v1/checkouts")))
                .POST(HttpRequest.BodyPublishers.ofString(Checkouts.order(reference))));
        assertThat(none.statusCode()).isEqualTo(415);

        String padded = Checkouts.order(reference).replace("\"someFutureField\"", "\"pad\": \"" + "x".repeat(17_000) + "\", \"someFutureField\"");
        HttpResponse<String> large = intake.postJson("/v1/checkouts", padded);
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));

        HttpResponse<String> malformed = intake.postJson("/v1/checkouts", "{\"campaignId\": 12,");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).path("detail").asString()).contains("not well-formed JSON");

        assertThat(Topic.recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), CheckoutIds.checkoutId(reference))).isEmpty();
    }

    @Test
    void wrongMethodIsAProblemResponse() {
        HttpResponse<String> response = intake.send(HttpRequest.newBuilder(URI.create(intake.url("/v1/checkouts")))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }
}
