package io.checkoutrelay.intake.lander;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.localstack.browser.HeadlessChromium;

import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.intake.support.SharedIntake;
import io.checkoutrelay.intake.support.Statuses;
import io.checkoutrelay.intake.support.Topic;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo lander in headless Chromium, driven like a buyer: place the order, see the CUSTOMER_ACTION
 * decline re-render the wallet, place it again (attempt 2), see it imported, add the upsell, see the
 * thank-you page. The test plays the importer by writing its status records.
 */
@ExtendWith({RealInfrastructure.class, SharedIntake.class})
class LanderScriptBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void buyerClicksThroughDeclineOrderUpsellAndThankYou(SharedIntake.Instance shared) {
        RunningIntake intake = shared.intake();
        String token = "Atza|IwEBIbrowser-test-token-0123456789";
        try (HeadlessChromium browser = HeadlessChromium.start(HeadlessChromium.tempProfile())) {
            browser.navigate(intake.url("/demo/lander.html?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
            HeadlessChromium.await("the address book widget", WAIT,
                    () -> !browser.eval("window.demoRelay && window.demoRelay.orderReferenceId").isEmpty());
            assertThat(browser.eval("window.demoRelay.accessToken")).isEqualTo(token);
            String checkoutId = CheckoutIds.checkoutId(browser.eval("window.demoRelay.orderReferenceId"));

            browser.eval("document.getElementById('place-order').click()");
            awaitOrder(intake, checkoutId, 1, "ACCEPTED");
            Topic.writeStatus(shared.infra(), Statuses.declined(checkoutId, 1, DeclineClass.CUSTOMER_ACTION, "InvalidPaymentMethod"));
            HeadlessChromium.await("the decline on the page", WAIT,
                    () -> browser.eval("document.getElementById('outcome').textContent").contains("CUSTOMER_ACTION"));
            assertThat(browser.eval("document.getElementById('outcome-reason').textContent")).isEqualTo("InvalidPaymentMethod");
            assertThat(browser.eval("document.getElementById('outcome-action').textContent"))
                    .contains("Choose another payment method");
            assertThat(browser.eval("document.getElementById('walletWidgetDiv').getAttribute('data-renders')")).isEqualTo("2");

            browser.eval("document.getElementById('place-order').click()");
            awaitOrder(intake, checkoutId, 2, "ACCEPTED");
            Topic.writeStatus(shared.infra(), Statuses.imported(checkoutId, 2, "CRM-4242"));
            HeadlessChromium.await("the upsell page", WAIT, () -> browser.eval(
                    "document.getElementById('upsell-page').classList.contains('hidden')").equals("false"));

            browser.eval("document.getElementById('add-upsell').click()");
            HeadlessChromium.await("the upsell at the intake", WAIT, () -> status(intake, checkoutId).path("upsells").size() == 1);
            String upsellId = status(intake, checkoutId).path("upsells").get(0).path("upsellId").asString();
            Topic.writeStatus(shared.infra(), Statuses.base(checkoutId, 1, CheckoutStatus.IMPORTED)
                    .setKind(CheckoutKind.UPSELL).setUpsellId(upsellId).setProductId(205L).setCrmOrderId("CRM-4242").build());
            HeadlessChromium.await("the upsell added", WAIT, () -> browser.eval(
                    "document.getElementById('upsell-205-result').textContent").equals("added"));
            browser.eval("document.getElementById('skip-upsell').click()");
            HeadlessChromium.await("the thank-you page", WAIT, () -> browser.eval(
                    "document.getElementById('thank-you').classList.contains('hidden')").equals("false"));
            assertThat(browser.eval("document.getElementById('crm-order-id').textContent")).isEqualTo("CRM-4242");
            assertThat(browser.eval("document.getElementById('upsell-result').textContent")).contains("1 upsell(s) added");
        }
    }

    private static void awaitOrder(RunningIntake intake, String checkoutId, int attempt, String status) {
        HeadlessChromium.await("attempt " + attempt + " " + status, WAIT, () -> {
            JsonNode body = status(intake, checkoutId);
            return body.path("attempt").asInt() == attempt && status.equals(body.path("status").asString());
        });
    }

    private static JsonNode status(RunningIntake intake, String checkoutId) {
        var response = intake.get("/v1/checkouts/" + checkoutId);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }
}
