package io.checkoutrelay.intake.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.intake.support.Checkouts;
import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.intake.support.SharedIntake;
import io.checkoutrelay.intake.support.Topic;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import io.checkoutrelay.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upsell identity, second version (contracts.md): several upsells may share one Amazon reference (a
 * billing agreement, or a lander that reuses the order's reference). With an Idempotency-Key header
 * the upsell is the checkout + key; without it, the checkout + the upsell's reference + its product.
 */
@ExtendWith({RealInfrastructure.class, SharedIntake.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpsellIdentityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Infrastructure infra;
    private RunningIntake intake;

    @BeforeAll
    void connect(SharedIntake.Instance shared) {
        this.infra = shared.infra();
        this.intake = shared.intake();
    }

    @Test
    void twoUpsellsOnOneBillingAgreementWithTheirOwnKeysAreBothPublished() {
        String agreement = billingAgreement();
        String checkoutId = recurringOrder(agreement);

        HttpResponse<String> first = postUpsell(checkoutId, agreement, 205, "offer-1-b1946ac9");
        HttpResponse<String> second = postUpsell(checkoutId, agreement, 206, "offer-2-591785b7");
        HttpResponse<String> firstAgain = postUpsell(checkoutId, agreement, 205, "offer-1-b1946ac9");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        assertThat(firstAgain.statusCode()).as("the same key again is the same upsell").isEqualTo(200);
        String firstId = upsellId(first);
        assertThat(upsellId(second)).isNotEqualTo(firstId);
        assertThat(upsellId(firstAgain)).isEqualTo(firstId);
        assertThat(firstId).isEqualTo(CheckoutIds.upsellIdForKey(checkoutId, "offer-1-b1946ac9"));
        List<AmazonCheckoutCaptured> upsells = upsellsOf(checkoutId);
        assertThat(upsells).extracting(r -> r.getUpsell().getProductId()).containsExactly(205L, 206L);
        assertThat(upsells).extracting(r -> r.getAmazon().getOrderReferenceId()).containsOnly(agreement);
        assertThat(upsells).allMatch(r -> r.getAmazon().getRecurring());
    }

    @Test
    void withoutAKeyTheProductTellsUpsellsOnOneReferenceApart() {
        String agreement = billingAgreement();
        String checkoutId = recurringOrder(agreement);

        HttpResponse<String> first = postUpsell(checkoutId, agreement, 205, null);
        HttpResponse<String> other = postUpsell(checkoutId, agreement, 206, null);
        HttpResponse<String> doubleClick = postUpsell(checkoutId, agreement, 205, null);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
        assertThat(doubleClick.statusCode()).isEqualTo(200);
        assertThat(upsellId(first)).isEqualTo(CheckoutIds.upsellIdForReference(checkoutId, agreement, 205))
                .isEqualTo(upsellId(doubleClick)).isNotEqualTo(upsellId(other));
        assertThat(upsellsOf(checkoutId)).hasSize(2);
    }

    @Test
    void aBadKeyIsNamedAndNothingIsPublished() {
        String agreement = billingAgreement();
        String checkoutId = recurringOrder(agreement);

        HttpResponse<String> tooLong = postUpsell(checkoutId, agreement, 205, "k".repeat(256));
        HttpResponse<String> withSpace = postUpsell(checkoutId, agreement, 205, "offer 1");

        for (HttpResponse<String> response : List.of(tooLong, withSpace)) {
            assertThat(response.statusCode()).as(response.request().headers() + " " + response.body()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("errors").get(0).path("field").asString())
                    .isEqualTo("Idempotency-Key");
        }
        assertThat(upsellsOf(checkoutId)).isEmpty();
    }

    private static String billingAgreement() {
        return "B01" + Checkouts.newOrderReferenceId().substring(3);
    }

    private String recurringOrder(String agreement) {
        HttpResponse<String> response = intake.postJson("/v1/checkouts", """
                {"campaignId": 12, "products": [{"productId": 101}],
                 "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s", "recurring": true}}
                """.formatted(agreement, Checkouts.TOKEN));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return CheckoutIds.checkoutId(agreement);
    }

    private HttpResponse<String> postUpsell(String checkoutId, String reference, long productId, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(intake.url("/v1/checkouts/" + checkoutId
                        + "/upsells"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"productId": %d, "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s",
                         "recurring": true}}
                        """.formatted(productId, reference, Checkouts.TOKEN)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return intake.send(request);
    }

    private static String upsellId(HttpResponse<String> response) {
        return JSON.readTree(response.body()).path("upsellId").asString();
    }

    private List<AmazonCheckoutCaptured> upsellsOf(String checkoutId) {
        return Topic.<AmazonCheckoutCaptured>recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), checkoutId)
                .stream().filter(r -> r.getKind() == CheckoutKind.UPSELL).toList();
    }
}
