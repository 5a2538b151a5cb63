package io.checkoutrelay.intake.lander;

import io.checkoutrelay.localstack.browser.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.intake.support.Statuses;
import io.checkoutrelay.intake.support.Topic;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.MarkdownSnippets;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.Decline;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import io.checkoutrelay.schemas.topic.Topics;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lander snippets of docs/merchant-setup.md, read from that file, served as a merchant's pages on
 * their own origin (listed in the intake's allowed origins) with a fake of Amazon's Widgets.js, and
 * clicked through in headless Chromium against a real intake, broker and registry. The test plays the
 * enricher and the importer by writing their status records.
 */
@ExtendWith(RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MerchantGuideSnippetsTest {

    static final Path GUIDE = Path.of("../docs/merchant-setup.md");
    private static final Set<String> EXERCISED = Set.of("outcome-messages", "order-page", "upsell-page", "subscription-page");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MarkdownSnippets guide = MarkdownSnippets.of(GUIDE);
    private Infrastructure infra;
    private LanderPages lander;
    private RunningIntake intake;
    private HeadlessChromium browser;

    @BeforeAll
    void start(Infrastructure infra) {
        this.infra = infra;
        lander = LanderPages.start();
        Map<String, String> settings = RunningIntake.settings(infra, RunningIntake.newTokenKeys());
        settings.put("intake.allowed-origins", lander.origin()); // INTAKE_ALLOWED_ORIGINS, as the guide says
        intake = RunningIntake.start(settings);
        String intakeBase = intake.url("");
        lander.page("/serum/lander.html", intakeBase, guide.get("outcome-messages"), guide.get("order-page"));
        lander.page("/serum/upsell.html", intakeBase, guide.get("outcome-messages"), guide.get("upsell-page"));
        lander.page("/box/subscribe.html", intakeBase, guide.get("outcome-messages"), guide.get("subscription-page"));
        browser = HeadlessChromium.start(HeadlessChromium.tempProfile());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (intake != null) {
            intake.close();
        }
        if (lander != null) {
            lander.close();
        }
    }

    @Test
    void everySnippetOfTheGuideIsExercisedAndPointsAtTheIntakeAndAmazon() {
        assertThat(guide.names()).containsExactlyInAnyOrderElementsOf(EXERCISED);
        for (String page : List.of("order-page", "upsell-page", "subscription-page")) {
            assertThat(guide.get(page)).as(page).contains(LanderPages.GUIDE_INTAKE_URL + "/checkout-relay.js",
                    "intakeUrl: \"" + LanderPages.GUIDE_INTAKE_URL + "\"", LanderPages.AMAZON_WIDGETS_URL);
        }
    }

    @Test
    void buyerSignsInWithTheProfileScopeIsDeclinedPicksAnotherCardAndAddsTheUpsell() {
        browser.navigate(lander.url("/serum/lander.html"));
        await("the Amazon Pay button", () -> text("String(!!document.getElementById('fake-amazon-pay-button'))").equals("true")
                && text("fakeAmazon.clientId").equals("YOUR_CLIENT_ID"));
        assertThat(text("fakeAmazon.buttonSellerId")).isEqualTo("YOUR_SELLER_ID");

        browser.eval("document.getElementById('fake-amazon-pay-button').click()");
        await("the order reference after sign-in", () -> text("window.relay && relay.orderReferenceId").startsWith("S01-"));
        assertThat(text("new URLSearchParams(location.search).get('scope')").split(" "))
                .as("the scopes the buyer granted").contains("profile", "payments:widget", "payments:shipping_address");
        assertThat(text("relay.accessToken")).startsWith("Atza|IwEBIfake-");
        String reference = text("relay.orderReferenceId");
        String checkoutId = CheckoutIds.checkoutId(reference);

        browser.eval("document.getElementById('place-order').click()");
        assertThat(text("String(document.getElementById('place-order').disabled)")).as("no second click meanwhile")
                .isEqualTo("true");
        awaitOrder(checkoutId, 1, "ACCEPTED");
        AmazonCheckoutCaptured captured = captured(checkoutId).get(0);
        assertThat(captured.getAmazon().getBillerId()).isEqualTo(7L);
        assertThat(captured.getAmazon().getOrderReferenceId()).isEqualTo(reference);
        assertThat(captured.getAmazon().getRecurring()).isFalse();
        assertThat(captured.getOrder().getCampaignId()).isEqualTo(12L);
        assertThat(captured.getLanderOrigin()).isEqualTo(lander.origin());

        Topic.writeStatus(infra, declined(checkoutId, 1, DeclineClass.CUSTOMER_ACTION, "InvalidPaymentMethod",
                "Please choose another payment method in your Amazon wallet and try again."));
        await("the decline on the page", () -> text("document.getElementById('checkout-message').textContent")
                .equals("Please choose another payment method in your Amazon wallet and try again."));
        assertThat(text("document.getElementById('walletWidgetDiv').getAttribute('data-renders')"))
                .as("the Wallet rendered again").isEqualTo("2");
        assertThat(text("fakeAmazon.walletFor[1]")).as("for the same order reference").isEqualTo(reference);
        assertThat(text("String(document.getElementById('checkout-action').hidden)")).isEqualTo("true");
        assertThat(text("String(document.getElementById('place-order').disabled)")).isEqualTo("false");

        browser.eval("document.getElementById('place-order').click()");
        awaitOrder(checkoutId, 2, "ACCEPTED");
        Topic.writeStatus(infra, Statuses.imported(checkoutId, 2, "CRM-7001"));
        await("the upsell page with its own order reference", () -> text("location.pathname").equals("/serum/upsell.html")
                && text("window.relay && relay.orderReferenceId").startsWith("S01-"));
        String upsellReference = text("relay.orderReferenceId");
        assertThat(upsellReference).isNotEqualTo(reference);
        assertThat(text("location.search")).as("the token is not carried in a URL").isEmpty();

        browser.eval("document.getElementById('add-upsell').click()");
        await("the upsell at the intake", () -> !upsellOf(checkoutId, 205).isEmpty());
        String upsellId = upsellOf(checkoutId, 205);
        assertThat(captured(checkoutId)).as("the upsell's own order reference reached the intake")
                .anyMatch(record -> record.getUpsell() != null && record.getAmazon().getOrderReferenceId().equals(upsellReference));
        Topic.writeStatus(infra, Statuses.base(checkoutId, 2, CheckoutStatus.IMPORTED).setKind(CheckoutKind.UPSELL)
                .setUpsellId(upsellId).setProductId(205L).setCrmOrderId("CRM-7001").build());
        await("the upsell's outcome on the page", () -> text("document.getElementById('checkout-message').textContent")
                .equals("Added to your order CRM-7001. Thank you!"));
    }

    @Test
    void eachDeclineClassShowsTheRelaysSentenceAndTheActionTheBuyerHas() {
        for (DeclineClass declineClass : List.of(DeclineClass.CONSENT, DeclineClass.TERMINAL,
                DeclineClass.INVALID_REQUEST, DeclineClass.UNAVAILABLE)) {
            String checkoutId = placeSignedInOrder("/serum/lander.html", "place-order");
            String sentence = "The relay's sentence for " + declineClass + ".";
            Topic.writeStatus(infra, declined(checkoutId, 1, declineClass, "reason_of_" + declineClass, sentence));
            await(declineClass + " on the page", () -> text("document.getElementById('checkout-message').textContent")
                    .equals(sentence));
            assertThat(text("document.getElementById('checkout-message').getAttribute('data-decline-class')"))
                    .isEqualTo(declineClass.name());
            String action = text("document.getElementById('checkout-action').hidden ? '' "
                    + ": document.getElementById('checkout-action-link').textContent");
            switch (declineClass) {
                case CONSENT -> assertThat(action).isEqualTo("Sign in with Amazon again");
                case TERMINAL -> {
                    assertThat(action).isEqualTo("Pay another way");
                    assertThat(text("document.getElementById('checkout-action-link').getAttribute('href')"))
                            .isEqualTo("/checkout-with-card.html");
                }
                default -> assertThat(action).as(declineClass + " offers no action").isEmpty();
            }
            if (declineClass == DeclineClass.CONSENT) {
                browser.eval("document.getElementById('checkout-action-link').click()");
                await("the Amazon Pay button again, without the old token", () -> text("location.search").isEmpty()
                        && text("String(!!document.getElementById('fake-amazon-pay-button'))").equals("true"));
            }
        }
    }

    @Test
    void aSubscriberMustConsentAndTheBillingAgreementIsTheOrderReference() {
        browser.navigate(lander.url("/box/subscribe.html?access_token=" + token()));
        await("the billing agreement, wallet and consent widgets", () -> text("window.relay && relay.orderReferenceId")
                .startsWith("B01-") && text("fakeAmazon.consentFor").startsWith("B01-"));
        String agreement = text("relay.orderReferenceId");
        assertThat(text("fakeAmazon.walletFor[0]")).as("the Wallet for the billing agreement").isEqualTo(agreement);
        assertThat(text("fakeAmazon.consentFor")).isEqualTo(agreement);
        String checkoutId = CheckoutIds.checkoutId(agreement);

        browser.eval("document.getElementById('subscribe').click()");
        assertThat(text("document.getElementById('checkout-message').textContent"))
                .isEqualTo("Please tick the box under your payment method to allow the monthly payments.");
        assertThat(intake.get("/v1/checkouts/" + checkoutId).statusCode()).as("nothing sent without consent").isEqualTo(404);

        browser.eval("document.getElementById('fake-consent').click()");
        browser.eval("document.getElementById('subscribe').click()");
        awaitOrder(checkoutId, 1, "ACCEPTED");
        AmazonCheckoutCaptured captured = captured(checkoutId).get(0);
        assertThat(captured.getAmazon().getRecurring()).isTrue();
        assertThat(captured.getAmazon().getOrderReferenceId()).isEqualTo(agreement);
        assertThat(captured.getOrder().getProducts().get(0).getProductId()).isEqualTo(301L);

        Topic.writeStatus(infra, Statuses.imported(checkoutId, 1, "CRM-SUB-1"));
        await("the thank-you", () -> text("document.getElementById('checkout-message').textContent")
                .equals("Thank you! Your order number is CRM-SUB-1."));
    }

    @Test
    void aLanderWhoseOriginTheIntakeDoesNotAllowGetsNothingThrough() {
        try (LanderPages elsewhere = LanderPages.start()) {
            elsewhere.page("/serum/lander.html", intake.url(""), guide.get("outcome-messages"), guide.get("order-page"));
            browser.navigate(elsewhere.url("/serum/lander.html?access_token=" + token()));
            await("the order reference", () -> text("window.relay && relay.orderReferenceId").startsWith("S01-"));
            String checkoutId = CheckoutIds.checkoutId(text("relay.orderReferenceId"));
            browser.eval("document.getElementById('place-order').click()");
            await("the error on the page", () -> text("document.getElementById('checkout-message').textContent")
                    .equals("Your order could not be sent. Please try again."));
            assertThat(intake.get("/v1/checkouts/" + checkoutId).statusCode()).isEqualTo(404);
        }
    }

    /** Opens the page signed in (a token in the URL, as Amazon returns it), places the order, waits until it is ACCEPTED. */
    private String placeSignedInOrder(String page, String button) {
        browser.navigate(lander.url(page + "?access_token=" + token()));
        await("the order reference", () -> text("window.relay && relay.orderReferenceId").startsWith("S01-"));
        String checkoutId = CheckoutIds.checkoutId(text("relay.orderReferenceId"));
        browser.eval("document.getElementById('" + button + "').click()");
        awaitOrder(checkoutId, 1, "ACCEPTED");
        return checkoutId;
    }

    private static String token() {
        return URLEncoder.encode("Atza|IwEBIguide-" + UUID.randomUUID(), StandardCharsets.UTF_8);
    }

    private static io.checkoutrelay.schemas.CheckoutStatusChanged declined(String checkoutId, int attempt,
                                                                            DeclineClass declineClass, String reason,
                                                                            String message) {
        return Statuses.base(checkoutId, attempt, CheckoutStatus.DECLINED).setDecline(Decline.newBuilder()
                .setDeclineClass(declineClass).setReason(reason).setMessage(message).build()).build();
    }

    private List<AmazonCheckoutCaptured> captured(String checkoutId) {
        return Topic.recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), checkoutId);
    }

    private String text(String expression) {
        return browser.eval(expression);
    }

    private void await(String what, java.util.function.BooleanSupplier condition) {
        HeadlessChromium.await(what, WAIT, () -> {
            try {
                return condition.getAsBoolean();
            } catch (RuntimeException pageStillLoading) {
                return false;
            }
        });
    }

    private void awaitOrder(String checkoutId, int attempt, String expected) {
        await("attempt " + attempt + " " + expected, () -> {
            JsonNode body = status(checkoutId);
            return body.path("attempt").asInt() == attempt && expected.equals(body.path("status").asString());
        });
    }

    /** The id of the checkout's upsell of this product, as the status API lists it; "" while there is none. */
    private String upsellOf(String checkoutId, long productId) {
        return status(checkoutId).path("upsells").valueStream().filter(u -> u.path("productId").asLong() == productId)
                .map(u -> u.path("upsellId").asString()).findFirst().orElse("");
    }

    private JsonNode status(String checkoutId) {
        var response = intake.get("/v1/checkouts/" + checkoutId);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }
}
