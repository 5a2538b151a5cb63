package io.checkoutrelay.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutrelay.localstack.browser.HeadlessChromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's demo, clicked through in headless Chromium against the whole running system (intake,
 * enricher, importer, sandbox): from the bare URL {@code /demo/lander.html} through the demo sign-in,
 * an order, an upsell and the thank-you page; a card refused (CUSTOMER_ACTION) that the buyer
 * replaces in the wallet before the order imports; and a subscription: the Consent widget, the billing
 * agreement as the order's reference and two upsells on it. Nothing is played by the test: the outcomes come
 * from the pipeline.
 */
@ExtendWith(SystemExtension.class)
class DemoLanderBrowserTest {

    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final Duration PIPELINE = Duration.ofSeconds(90);

    @Test
    void theReadmeDemoUrlTakesABuyerThroughAnOrderAndAnUpsell(RunningSystem system) {
        Sandbox crm = new Sandbox(system.sandboxUrl());
        try (HeadlessChromium browser = HeadlessChromium.start(HeadlessChromium.tempProfile())) {
            String reference = signIn(browser, system.intakeUrl() + "/demo/lander.html");

            browser.eval("document.getElementById('place-order').click()");
            awaitText(browser, "outcome-status", "IMPORTED", PIPELINE);
            awaitVisible(browser, "upsell-page");
            browser.eval("document.getElementById('add-upsell').click()");
            awaitText(browser, "upsell-205-result", "added", PIPELINE);
            browser.eval("document.getElementById('skip-upsell').click()");
            awaitVisible(browser, "thank-you");

            String crmOrderId = text(browser, "crm-order-id");
            List<JsonNode> orders = crm.ordersPaidWith(reference);
            assertThat(orders).as("CRM orders paid with " + reference).hasSize(1);
            assertThat(orders.get(0).path("orderId").asText()).isEqualTo(crmOrderId);
            assertThat(productIds(orders.get(0))).containsExactlyInAnyOrder(101L, 205L);
            assertThat(text(browser, "upsell-result")).isEqualTo("with 1 upsell(s) added.");
        }
    }

    @Test
    void aRefusedCardShowsClassReasonAndActionAndTheNextCardImports(RunningSystem system) {
        Sandbox crm = new Sandbox(system.sandboxUrl());
        try (HeadlessChromium browser = HeadlessChromium.start(HeadlessChromium.tempProfile())) {
            // product 9011: the sandbox CRM refuses the first card with InvalidPaymentMethod, then takes the next
            String reference = signIn(browser, system.intakeUrl() + "/demo/lander.html?product=9011");

            browser.eval("document.getElementById('place-order').click()");
            awaitText(browser, "outcome-status", "DECLINED", PIPELINE);
            assertThat(text(browser, "outcome-class")).isEqualTo("CUSTOMER_ACTION");
            assertThat(text(browser, "outcome-reason")).isEqualTo("InvalidPaymentMethod");
            assertThat(text(browser, "outcome-message")).isNotBlank();
            assertThat(text(browser, "outcome-action")).startsWith("Choose another payment method");
            assertThat(browser.eval("document.getElementById('walletWidgetDiv').getAttribute('data-renders')"))
                    .as("the wallet shown again for the same order reference").isEqualTo("2");
            assertThat(crm.ordersPaidWith(reference)).extracting(o -> o.path("orderStatus").asText())
                    .containsExactly("DECLINED");

            browser.eval("document.getElementById('fake-card').selectedIndex = 1");
            browser.eval("document.getElementById('place-order').click()");
            awaitText(browser, "outcome-status", "IMPORTED", PIPELINE);

            List<JsonNode> orders = crm.ordersPaidWith(reference);
            assertThat(orders).hasSize(1);
            assertThat(orders.get(0).path("orderStatus").asText()).isEqualTo("COMPLETE");
            assertThat(orders.get(0).path("orderId").asText()).isEqualTo(text(browser, "outcome-crmOrderId"));
        }
    }

    @Test
    void aSubscriptionNeedsConsentThenItsBillingAgreementPaysTheOrderAndTwoUpsells(RunningSystem system) {
        Sandbox crm = new Sandbox(system.sandboxUrl());
        try (HeadlessChromium browser = HeadlessChromium.start(HeadlessChromium.tempProfile())) {
            String agreement = signIn(browser, system.intakeUrl() + "/demo/lander.html?recurring=true");
            assertThat(agreement).startsWith("B01-");
            assertThat(browser.eval("String(window.demoRelay.recurring)")).isEqualTo("true");

            browser.eval("document.getElementById('place-order').click()");
            awaitText(browser, "outcome-status", "ERROR", PAGE);
            assertThat(text(browser, "outcome-message")).startsWith("Tick the box");
            browser.eval("document.getElementById('fake-consent').click()");
            browser.eval("document.getElementById('place-order').click()");
            awaitText(browser, "outcome-status", "IMPORTED", PIPELINE);
            String crmOrderId = text(browser, "outcome-crmOrderId");
            browser.eval("document.getElementById('add-upsell').click()");
            awaitText(browser, "upsell-205-result", "added", PIPELINE);
            browser.eval("document.getElementById('add-upsell-2').click()");
            awaitText(browser, "upsell-206-result", "added", PIPELINE);

            List<JsonNode> orders = crm.ordersPaidWith(agreement);
            assertThat(orders).as("CRM orders paid with billing agreement " + agreement).hasSize(1);
            assertThat(orders.get(0).path("orderId").asText()).isEqualTo(crmOrderId);
            assertThat(orders.get(0).path("amazonOrderId").asText()).isEqualTo(agreement);
            assertThat(productIds(orders.get(0))).containsExactlyInAnyOrder(101L, 205L, 206L);
        }
    }

    /** Opens the page, signs in with the demo's Amazon Pay button; the Amazon reference the page holds. */
    private static String signIn(HeadlessChromium browser, String url) {
        browser.navigate(url);
        awaitVisible(browser, "sign-in-page");
        browser.eval("document.getElementById('amazon-pay-button').click()");
        HeadlessChromium.await("back from the sign-in with an order reference", PAGE, () -> !browser.eval(
                "window.demoRelay && window.demoRelay.accessToken && window.demoRelay.orderReferenceId || ''").isEmpty());
        assertThat(browser.eval("window.demoRelay.accessToken")).startsWith("Atza|");
        return browser.eval("window.demoRelay.orderReferenceId");
    }

    private static void awaitVisible(HeadlessChromium browser, String section) {
        HeadlessChromium.await(section, PAGE, () -> browser.eval(
                "(function(){var e=document.getElementById('" + section + "');"
                        + "return e ? String(!e.classList.contains('hidden')) : 'false';})()").equals("true"));
    }

    private static void awaitText(HeadlessChromium browser, String id, String wanted, Duration max) {
        HeadlessChromium.await("#" + id + " = " + wanted + " (page says: " + browser.eval(
                "document.getElementById('outcome') && document.getElementById('outcome').textContent") + ")", max,
                () -> wanted.equals(text(browser, id)));
    }

    private static String text(HeadlessChromium browser, String id) {
        return browser.eval("(function(){var e=document.getElementById('" + id + "');return e ? e.textContent : '';})()");
    }

    private static List<Long> productIds(JsonNode order) {
        List<Long> ids = new ArrayList<>();
        order.path("items").forEach(item -> ids.add(item.path("productId").asLong()));
        return ids;
    }
}
