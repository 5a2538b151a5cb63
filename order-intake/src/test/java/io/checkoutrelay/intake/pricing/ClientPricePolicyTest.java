package io.checkoutrelay.intake.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutrelay.intake.config.IntakeProperties;
import io.checkoutrelay.intake.support.Checkouts;
import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.intake.support.SharedIntake;
import io.checkoutrelay.intake.support.Topic;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.ClientPrices;
import io.checkoutrelay.schemas.ProductLine;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import io.checkoutrelay.schemas.topic.Topics;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The price policy as a downstream stage sees it: what the captured record carries for a campaign on
 * the allow-list (12 in the test intake's settings) and one that is not (13).
 */
@ExtendWith({RealInfrastructure.class, SharedIntake.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientPricePolicyTest {

    private Infrastructure infra;
    private RunningIntake intake;

    @BeforeAll
    void connect(SharedIntake.Instance shared) {
        this.infra = shared.infra();
        this.intake = shared.intake();
    }

    @Test
    void pricesOfACampaignNotOnTheAllowListNeverReachKafka() {
        String reference = Checkouts.newOrderReferenceId();

        AmazonCheckoutCaptured captured = postOrder(13, reference, """
                [{"productId": 101, "quantity": 2, "price": "0.01"}, {"productId": 102, "price": "29.95"}]""");

        assertThat(captured.getOrder().getProducts()).extracting(ProductLine::getPrice).containsOnlyNulls();
        assertThat(captured.getOrder().getProducts()).extracting(ProductLine::getProductId).containsExactly(101L, 102L);
        assertThat(captured.getOrder().getProducts()).extracting(ProductLine::getQuantity).containsExactly(2, 1);
        assertThat(captured.getClientPrices()).isEqualTo(ClientPrices.IGNORED);
    }

    @Test
    void pricesOfACampaignOnTheAllowListAreKept() {
        AmazonCheckoutCaptured captured = postOrder(12, Checkouts.newOrderReferenceId(), """
                [{"productId": 101, "price": "24.50"}, {"productId": 102}]""");

        assertThat(captured.getOrder().getProducts()).extracting(ProductLine::getPrice)
                .containsExactly(new BigDecimal("24.50"), null);
        assertThat(captured.getClientPrices()).isEqualTo(ClientPrices.ACCEPTED);
    }

    @Test
    void anOrderWithoutPricesSaysNoneWereSent() {
        AmazonCheckoutCaptured captured = postOrder(13, Checkouts.newOrderReferenceId(), """
                [{"productId": 101}]""");

        assertThat(captured.getClientPrices()).isEqualTo(ClientPrices.NONE_SENT);
    }

    @Test
    void anUpsellFollowsItsOrdersCampaignForPriceAndReplacedProduct() {
        String allowed = Checkouts.newOrderReferenceId();
        String notAllowed = Checkouts.newOrderReferenceId();
        postOrder(12, allowed, "[{\"productId\": 101}]");
        postOrder(13, notAllowed, "[{\"productId\": 101}]");

        AmazonCheckoutCaptured kept = postUpsell(CheckoutIds.checkoutId(allowed));
        AmazonCheckoutCaptured removed = postUpsell(CheckoutIds.checkoutId(notAllowed));

        assertThat(kept.getUpsell().getPrice()).isEqualTo(new BigDecimal("1.00"));
        assertThat(kept.getUpsell().getReplaceProductId()).isEqualTo(101L);
        assertThat(kept.getClientPrices()).isEqualTo(ClientPrices.ACCEPTED);
        assertThat(removed.getUpsell().getPrice()).isNull();
        assertThat(removed.getUpsell().getReplaceProductId()).isNull();
        assertThat(removed.getUpsell().getProductId()).isEqualTo(205L);
        assertThat(removed.getClientPrices()).isEqualTo(ClientPrices.IGNORED);
    }

    @Test
    void theAllowListBindsFromItsEnvironmentVariableAndIsEmptyByDefault() {
        assertThat(bind(Map.of("INTAKE_CLIENTPRICES_CAMPAIGNS", "12,34")).clientPrices().campaigns())
                .containsExactly(12L, 34L);
        assertThat(bind(Map.of()).clientPrices().campaigns()).isEmpty();
        assertThatThrownBy(() -> bind(Map.of("INTAKE_CLIENTPRICES_CAMPAIGNS", "12,-1")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("intake.client-prices.campaigns (INTAKE_CLIENTPRICES_CAMPAIGNS)");
    }

    private AmazonCheckoutCaptured postOrder(long campaignId, String reference, String products) {
        HttpResponse<String> response = intake.postJson("/v1/checkouts", """
                {"campaignId": %d, "products": %s,
                 "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s"}}
                """.formatted(campaignId, products, reference, Checkouts.TOKEN));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return only(CheckoutIds.checkoutId(reference), CheckoutKind.ORDER);
    }

    private AmazonCheckoutCaptured postUpsell(String checkoutId) {
        HttpResponse<String> response = intake.postJson("/v1/checkouts/" + checkoutId + "/upsells", """
                {"productId": 205, "price": "1.00", "replaceProductId": 101,
                 "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s"}}
                """.formatted(Checkouts.newOrderReferenceId(), Checkouts.TOKEN));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return only(checkoutId, CheckoutKind.UPSELL);
    }

    private AmazonCheckoutCaptured only(String checkoutId, CheckoutKind kind) {
        List<AmazonCheckoutCaptured> records = Topic.<AmazonCheckoutCaptured>recordsWithKey(infra,
                Topics.CHECKOUT_CAPTURED.name(), checkoutId).stream().filter(r -> r.getKind() == kind).toList();
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static IntakeProperties bind(Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("intake", IntakeProperties.class);
    }
}
