package io.checkoutrelay.importer.flow;

import static io.checkoutrelay.importer.support.TestCheckouts.line;
import static io.checkoutrelay.importer.support.TestCheckouts.newCheckout;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import io.checkoutrelay.importer.support.KafkaTestClient;
import io.checkoutrelay.importer.support.RunningImporter;
import io.checkoutrelay.importer.support.RunningSandbox;
import io.checkoutrelay.importer.support.SandboxCrm;
import io.checkoutrelay.importer.support.TestCheckouts;
import io.checkoutrelay.importer.support.TestCheckouts.Checkout;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.ImportedItem;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.OrderImported;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import io.checkoutrelay.schemas.topic.Topics;
import tools.jackson.databind.JsonNode;

/**
 * The CRM's answers that say nothing (a gateway's 5xx, a timeout, an odd Order Query reply) and the
 * CRM's habits (a late commit, a lost reply, a new order id, merged quantities), against a real
 * broker, a real registry, the sandbox and the importer. Each test is one buyer: charged exactly once,
 * told the truth.
 */
@ExtendWith({RealInfrastructure.class, RunningSandbox.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmbiguousAnswersTest {

    private static final String INPUT = "ambiguous.checkout.enriched.v1";
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private SandboxCrm sandbox;
    private KafkaTestClient kafka;
    private RunningImporter importer;
    private KafkaTestClient.Collector imported;
    private KafkaTestClient.Collector declined;
    private KafkaTestClient.Collector statuses;
    private final TestCheckouts checkouts = new TestCheckouts();

    @BeforeAll
    void start(Infrastructure infra, SandboxCrm sandboxCrm) {
        sandbox = sandboxCrm;
        kafka = new KafkaTestClient(infra);
        RunningImporter.provisionOwnTopics(infra, INPUT, 3);
        var settings = RunningImporter.settings(infra, sandbox, INPUT);
        settings.put("crm-importer.checkoutchamp.request-timeout", REQUEST_TIMEOUT.toMillis() + "ms");
        settings.put("crm-importer.retry.partial-confirm-interval", "2s");
        importer = RunningImporter.start(settings);
        imported = kafka.collect(Topics.ORDER_IMPORTED.name(), false);
        declined = kafka.collect(Topics.ORDER_DECLINED.name(), false);
        statuses = kafka.collect(Topics.CHECKOUT_STATUS.name(), false);
    }

    @AfterAll
    void stop() {
        if (importer != null) {
            importer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    // ---- problem 1: a double charge after a gateway error ----

    @Test
    void aGatewayErrorWhileTheCrmStillCommitsChargesOnce() throws Exception {
        Checkout checkout = newCheckout();
        // the gateway answers 504 at once; the CRM behind it charges the order 3 s later
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"respond\":{\"status\":504,\"commitAfterMillis\":3000}}");
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));

        OrderImported result = awaitImported(checkout, 1).get(0);
        awaitPast(firstImportCall(checkout), Duration.ofMillis(3500));

        assertChargedOnce(checkout, result.getCrmOrderId());
        assertThat(sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId())).hasSize(1);
        assertThat(result.getSettledByQuery()).isTrue();
        assertThat(firstQueryAfter(checkout, result.getCrmOrderId()))
                .isAfterOrEqualTo(firstImportCall(checkout).plus(REQUEST_TIMEOUT));
    }

    @Test
    void aTimeoutWhileTheCrmStillCommitsChargesOnce() throws Exception {
        Checkout checkout = newCheckout();
        // no answer within the 2 s request timeout; the CRM charges 5 s after the call arrived
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"respond\":{\"status\":504,\"delayMillis\":2500,\"commitAfterMillis\":5000}}");
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));

        OrderImported result = awaitImported(checkout, 1).get(0);
        awaitPast(firstImportCall(checkout), Duration.ofMillis(5500));

        assertChargedOnce(checkout, result.getCrmOrderId());
        assertThat(sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId())).hasSize(1);
        assertThat(result.getSettledByQuery()).isTrue();
    }

    @Test
    void partialReadTwiceFarEnoughApartIsSentAgainAndChargedOnce() {
        Checkout checkout = newCheckout();
        // a 503 before the CRM saw anything: the order stays PARTIAL, sending again is safe
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"respond\":{\"status\":503}}");
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));

        OrderImported result = awaitImported(checkout, 1).get(0);

        List<JsonNode> queries = sandbox.calls("order/query", "orderId", result.getCrmOrderId());
        List<JsonNode> imports = sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId());
        assertThat(imports).hasSize(2);
        assertThat(queries).hasSizeGreaterThanOrEqualTo(2);
        assertThat(receivedAt(queries.get(queries.size() - 1)))
                .isAfterOrEqualTo(receivedAt(queries.get(0)).plusSeconds(2));
        assertThat(receivedAt(imports.get(1))).isAfter(receivedAt(queries.get(queries.size() - 1)));
        assertChargedOnce(checkout, result.getCrmOrderId());
    }

    @Test
    void anEmptyOrderQueryPageIsNotPartialAndTheLateCommitIsFound() throws Exception {
        Checkout checkout = newCheckout();
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"respond\":{\"status\":503,\"commitAfterMillis\":3500}}");
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));
        String leadOrderId = awaitImportCall(checkout).path("params").path("orderId").asString();
        // the CRM's query answers an empty page, twice: "nothing to say", not "not charged"
        sandbox.rule("{\"endpoint\":\"order/query\",\"match\":{\"orderId\":\"" + leadOrderId + "\"},\"times\":2,"
                + "\"respond\":{\"success\":{\"totalResults\":0,\"data\":[]}}}");

        OrderImported result = awaitImported(checkout, 1).get(0);
        awaitPast(firstImportCall(checkout), Duration.ofMillis(4000));

        assertChargedOnce(checkout, leadOrderId);
        assertThat(sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId())).hasSize(1);
        assertThat(result.getSettledByQuery()).isTrue();
    }

    @Test
    void oddOrderQueryRepliesUntilTheBudgetEndsDeclineUnavailableWithoutSendingAgain() {
        Checkout checkout = newCheckout();
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"respond\":{\"status\":502}}");
        // the token dies in 40 s: with the 30 s safety margin the checkout has about 10 s
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95")),
                Instant.now().plusSeconds(40)));
        String leadOrderId = awaitImportCall(checkout).path("params").path("orderId").asString();
        sandbox.rule("{\"endpoint\":\"order/query\",\"match\":{\"orderId\":\"" + leadOrderId + "\"},\"times\":1000,"
                + "\"respond\":{\"success\":{\"totalResults\":1,\"data\":[{\"orderId\":\"" + leadOrderId
                + "\",\"orderStatus\":\"\"}]}}}");
        try {
            OrderDeclined decline = awaitDeclined(checkout, 1).get(0);

            assertThat(decline.getDecline().getDeclineClass()).isEqualTo(DeclineClass.UNAVAILABLE);
            assertThat(decline.getDecline().getReason()).isEqualTo("outcome_unsettled");
            // a resubmission within the hour is a new attempt that first settles the order by Order Query
            // (LedgerStanding), so "try again" is true here; "we will retry" would not be: nothing retries by itself
            assertThat(decline.getDecline().getMessage()).contains("not be charged twice")
                    .doesNotContainIgnoringCase("we will retry");
            assertThat(sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId())).hasSize(1);
            assertThat(sandbox.calls("order/query", "orderId", leadOrderId)).hasSizeGreaterThan(1);
            assertThat(imported.values(OrderImported.class, r -> r.getCheckoutId().equals(checkout.checkoutId())))
                    .isEmpty();
        } finally {
            sandbox.deleteRules();
        }
    }

    @Test
    void anUpsellBehindAGatewayErrorIsAddedOnce() throws Exception {
        Checkout checkout = newCheckout();
        String upsellReference = "S01-UP-" + UUID.randomUUID();
        sandbox.rule("{\"endpoint\":\"upsale/import\",\"match\":{\"amazonOrderId\":\"" + upsellReference
                + "\"},\"respond\":{\"status\":504,\"commitAfterMillis\":3000}}");
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));
        kafka.send(INPUT, checkout.checkoutId(), checkouts.upsell(checkout, upsellReference, 205, "9.95"));

        OrderImported upsell = awaitUpsellImported(checkout);
        awaitPast(receivedAt(sandbox.calls("upsale/import", "amazonOrderId", upsellReference).get(0)),
                Duration.ofMillis(3500));

        JsonNode order = sandbox.order(upsell.getCrmOrderId());
        assertThat(quantityOf(order, 205)).as("quantity of the upsell's product charged").isEqualTo(1);
        assertThat(order.path("upsaleCalls").asInt()).isEqualTo(1);
        assertThat(sandbox.calls("upsale/import", "amazonOrderId", upsellReference)).hasSize(1);
        assertThat(upsell.getSettledByQuery()).isTrue();
    }

    @Test
    void anUpsellMergedIntoItsProductsLineIsSettledWithoutASecondCharge() {
        Checkout checkout = newCheckout();
        String upsellReference = "S01-UP-" + UUID.randomUUID();
        sandbox.settings("{\"crm.merge-quantities\":true}");
        try {
            // the CRM adds the upsell to the order's line of the same product, and the reply is lost
            sandbox.rule("{\"endpoint\":\"upsale/import\",\"match\":{\"amazonOrderId\":\"" + upsellReference
                    + "\"},\"respond\":{\"status\":502,\"afterApply\":true}}");
            kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(205, 1, "9.95"))));
            kafka.send(INPUT, checkout.checkoutId(), checkouts.upsell(checkout, upsellReference, 205, "9.95"));

            OrderImported upsell = awaitUpsellImported(checkout);

            JsonNode order = sandbox.order(upsell.getCrmOrderId());
            assertThat(quantityOf(order, 205)).as("order line and upsell of product 205 charged").isEqualTo(2);
            assertThat(order.path("items")).hasSize(1);
            assertThat(sandbox.calls("upsale/import", "amazonOrderId", upsellReference)).hasSize(1);
            assertThat(upsell.getSettledByQuery()).isTrue();
            assertThat(upsell.getItems()).extracting(ImportedItem::getProductId).containsExactly(205L);
        } finally {
            sandbox.settings("{\"crm.merge-quantities\":false}");
        }
    }

    // ---- problem 3: a recovered outcome keeps its class and reason ----

    @Test
    void aDeclineWhoseAnswerWasLostKeepsItsClassAndTheBuyersNextCardIsChargedOnce() {
        Checkout checkout = newCheckout();
        // the CRM declines the card at once (InvalidPaymentMethod, the order DECLINED), but its answer comes
        // after the importer's 2 s request timeout: the outcome is unknown, Order Query reads DECLINED, not why
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"respond\":{\"declineReason\":\"InvalidPaymentMethod\",\"afterApply\":true,\"delayMillis\":3000}}");
        // the same card, authorized again, is declined again, and this answer arrives
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"respond\":{\"declineReason\":\"InvalidPaymentMethod\"}}");
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));

        OrderDeclined decline = awaitDeclined(checkout, 1).get(0);

        assertThat(decline.getDecline().getDeclineClass()).isEqualTo(DeclineClass.CUSTOMER_ACTION);
        assertThat(decline.getDecline().getReason()).isEqualTo("InvalidPaymentMethod");
        String leadOrderId = awaitImportCall(checkout).path("params").path("orderId").asString();
        List<JsonNode> imports = sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId());
        List<JsonNode> queries = sandbox.calls("order/query", "orderId", leadOrderId);
        assertThat(imports).hasSize(2);
        assertThat(queries).as("DECLINED read twice before Import Order went out again").hasSizeGreaterThanOrEqualTo(2);
        assertThat(receivedAt(imports.get(1))).isAfter(receivedAt(queries.get(queries.size() - 1)));
        // the status the intake decides a resubmission on (order-intake Submission.given): CUSTOMER_ACTION,
        // so the buyer's next submission is attempt 2, not a duplicate
        eventually(() -> assertThat(statusesOf(checkout.checkoutId())).last().satisfies(last -> {
            assertThat(last.getStatus()).isEqualTo(CheckoutStatus.DECLINED);
            assertThat(last.getDecline().getDeclineClass()).isEqualTo(DeclineClass.CUSTOMER_ACTION);
        }));

        // the buyer picks another card in the Wallet widget and submits again: attempt 2, charged
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 2, List.of(line(101, 1, "19.95"))));

        OrderImported result = awaitImported(checkout, 1).get(0);
        assertThat(result.getAttempt()).isEqualTo(2);
        assertThat(result.getCrmOrderId()).isEqualTo(leadOrderId);
        assertChargedOnce(checkout, leadOrderId);
        assertThat(declined.values(OrderDeclined.class, r -> r.getCheckoutId().equals(checkout.checkoutId())))
                .as("one decline, of attempt 1").hasSize(1);
    }

    // ---- CheckoutChamp's 429: refused before it worked on the call ----

    @Test
    void a429IsSentAgainWithoutOrderQueryAndChargedOnce() {
        Checkout checkout = newCheckout();
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"times\":2,\"respond\":{\"status\":429}}");
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));

        OrderImported result = awaitImported(checkout, 1).get(0);

        List<JsonNode> imports = sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId());
        assertThat(imports).extracting(call -> call.path("status").asInt()).containsExactly(429, 429, 200);
        assertThat(sandbox.calls("order/query", "orderId", result.getCrmOrderId())).as("Order Query calls").isEmpty();
        assertThat(result.getSettledByQuery()).isFalse();
        assertChargedOnce(checkout, result.getCrmOrderId());
        // no request-timeout wait (2 s + 0.3 s here, 35 s by default) between the refusals and the sale
        assertThat(receivedAt(imports.get(2))).isBefore(receivedAt(imports.get(0)).plus(REQUEST_TIMEOUT));
    }

    @Test
    void underTheCrmsConcurrencyLimitEveryCheckoutIsChargedOnceWithoutOrderQuery() {
        List<Checkout> many = java.util.stream.IntStream.range(0, 12).mapToObj(i -> newCheckout()).toList();
        // the CRM works on 2 calls at once and answers 429 to any more, as an account's limit does
        sandbox.settings("{\"crm.max-concurrent\":2,\"crm.latency\":\"200ms\"}");
        try {
            many.forEach(checkout -> kafka.send(INPUT, checkout.checkoutId(),
                    checkouts.order(checkout, 1, List.of(line(101, 1, "19.95")))));

            List<OrderImported> results = many.stream().map(checkout -> awaitImported(checkout, 1).get(0)).toList();

            int refused = 0;
            for (int i = 0; i < many.size(); i++) {
                Checkout checkout = many.get(i);
                assertChargedOnce(checkout, results.get(i).getCrmOrderId());
                assertThat(sandbox.calls("order/query", "orderId", results.get(i).getCrmOrderId())).isEmpty();
                refused += (int) sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId()).stream()
                        .filter(call -> call.path("status").asInt() == 429).count();
            }
            assertThat(refused).as("Import Order calls refused with 429").isPositive();
        } finally {
            sandbox.settings("{\"crm.max-concurrent\":0,\"crm.latency\":\"0ms\"}");
        }
    }

    // ---- problem 9, the importer's parts ----

    @Test
    void importOrderAnsweringWithANewOrderIdLeavesThatIdForTheUpsell() {
        Checkout checkout = newCheckout();
        String upsellReference = "S01-UP-" + UUID.randomUUID();
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"respond\":{\"newOrder\":true}}");
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));
        kafka.send(INPUT, checkout.checkoutId(), checkouts.upsell(checkout, upsellReference, 205, "9.95"));

        List<OrderImported> results = awaitImported(checkout, 2);

        String leadOrderId = awaitImportCall(checkout).path("params").path("orderId").asString();
        OrderImported order = results.stream().filter(r -> r.getKind() == CheckoutKind.ORDER).findFirst().orElseThrow();
        OrderImported upsell = results.stream().filter(r -> r.getKind() == CheckoutKind.UPSELL).findFirst().orElseThrow();
        assertThat(order.getCrmOrderId()).isNotEqualTo(leadOrderId);
        assertThat(upsell.getCrmOrderId()).isEqualTo(order.getCrmOrderId());
        assertThat(quantityOf(sandbox.order(order.getCrmOrderId()), 205)).isEqualTo(1);
        eventually(() -> assertThat(statusesOf(checkout.checkoutId()))
                .filteredOn(s -> s.getStatus() == CheckoutStatus.IMPORTED)
                .extracting(CheckoutStatusChanged::getCrmOrderId).containsOnly(order.getCrmOrderId()));
    }

    @Test
    void aTokenInACrmAnswerIsRedactedHoweverItIsEncoded() {
        Checkout checkout = newCheckout();
        String once = URLEncoder.encode(checkout.token(), StandardCharsets.UTF_8);
        String twice = URLEncoder.encode(once, StandardCharsets.UTF_8);
        String html = checkout.token().replace("|", "&#124;");
        String other = "Atza%7CIwEBother-buyers-token-" + UUID.randomUUID();
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"respond\":{\"error\":\"Invalid amazonAddressConsent: " + once + " / " + twice + " / "
                + html + " / " + other + "\"}}");
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));

        OrderDeclined decline = awaitDeclined(checkout, 1).get(0);

        String tokenBody = checkout.token().substring("Atza|".length());
        assertThat(decline.getRawMessage()).startsWith("Invalid amazonAddressConsent: ")
                .doesNotContain(tokenBody).doesNotContain("IwEBother").contains("[redacted]");
    }

    @Test
    void anUpsellWhoseParentNeverReachedTheImporterIsRecoveredByReplayingBoth() {
        Checkout checkout = newCheckout();
        String upsellReference = "S01-UP-" + UUID.randomUUID();
        var upsellRecord = checkouts.upsell(checkout, upsellReference, 205, "9.95");
        // the enricher declined the parent (e.g. Amazon unavailable): only the upsell reaches the importer
        kafka.send(INPUT, checkout.checkoutId(), upsellRecord);

        OrderDeclined upsellDecline = awaitDeclined(checkout, 1).get(0);
        assertThat(upsellDecline.getKind()).isEqualTo(CheckoutKind.UPSELL);
        assertThat(upsellDecline.getDecline().getDeclineClass()).isEqualTo(DeclineClass.UNAVAILABLE);
        assertThat(upsellDecline.getDecline().getReason()).isEqualTo("order_not_imported");
        assertThat(upsellDecline.getDecline().getMessage()).doesNotContainIgnoringCase("try again");

        // the operator replays the parent, then the upsell (the replay tool copies UNAVAILABLE declines back)
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));
        kafka.send(INPUT, checkout.checkoutId(), upsellRecord);

        OrderImported upsell = awaitUpsellImported(checkout);
        assertThat(upsell.getUpsellId()).isEqualTo(CheckoutIds.upsellIdForReference(checkout.checkoutId(), upsellReference, 205));
        assertThat(quantityOf(sandbox.order(upsell.getCrmOrderId()), 205)).isEqualTo(1);
    }

    // ---- problems 4 and 5, the importer's parts ----

    @Test
    void aResubmittedUpsellAfterCustomerActionIsImported() {
        Checkout checkout = newCheckout();
        String upsellReference = "S01-UP-" + UUID.randomUUID();
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));
        // product 9011: the CRM declines the first Import Upsale with InvalidPaymentMethod, takes the next
        kafka.send(INPUT, checkout.checkoutId(), checkouts.upsell(checkout, upsellReference, 9011, "9.95"));
        OrderDeclined first = awaitDeclined(checkout, 1).get(0);
        assertThat(first.getDecline().getDeclineClass()).isEqualTo(DeclineClass.CUSTOMER_ACTION);

        kafka.send(INPUT, checkout.checkoutId(), checkouts.upsell(checkout, upsellReference, 9011, "9.95", 2));

        OrderImported upsell = awaitUpsellImported(checkout);
        assertThat(upsell.getAttempt()).isEqualTo(2);
        assertThat(quantityOf(sandbox.order(upsell.getCrmOrderId()), 9011)).isEqualTo(1);
    }

    @Test
    void aRedeliveredRecordAfterImportLeavesTheCheckoutImported() {
        Checkout checkout = newCheckout();
        var record = checkouts.order(checkout, 1, List.of(line(101, 1, "19.95")));
        kafka.send(INPUT, checkout.checkoutId(), record);
        OrderImported result = awaitImported(checkout, 1).get(0);

        // the enricher reprocesses the checkout after a crash: its ENRICHED status, then the record again
        kafka.send(Topics.CHECKOUT_STATUS.name(), checkout.checkoutId(), CheckoutStatusChanged.newBuilder()
                .setCheckoutId(checkout.checkoutId()).setKind(CheckoutKind.ORDER).setAttempt(1)
                .setStatus(CheckoutStatus.ENRICHED).setChangedBy("profile-enricher").setChangedAt(Instant.now())
                .build());
        kafka.send(INPUT, checkout.checkoutId(), record);

        eventually(() -> assertThat(allStatusesOf(checkout.checkoutId())).last()
                .satisfies(last -> {
                    assertThat(last.getStatus()).isEqualTo(CheckoutStatus.IMPORTED);
                    assertThat(last.getCrmOrderId()).isEqualTo(result.getCrmOrderId());
                }));
        assertThat(imported.values(OrderImported.class, r -> r.getCheckoutId().equals(checkout.checkoutId())))
                .hasSize(1);
        assertThat(declined.values(OrderDeclined.class, r -> r.getCheckoutId().equals(checkout.checkoutId())))
                .isEmpty();
        assertThat(sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId())).hasSize(1);
    }

    // ---- helpers ----

    private List<OrderImported> awaitImported(Checkout checkout, int count) {
        return imported.await(OrderImported.class, r -> r.getCheckoutId().equals(checkout.checkoutId()), count, WAIT);
    }

    private OrderImported awaitUpsellImported(Checkout checkout) {
        return imported.await(OrderImported.class, r -> r.getCheckoutId().equals(checkout.checkoutId())
                && r.getKind() == CheckoutKind.UPSELL, 1, WAIT).get(0);
    }

    private List<OrderDeclined> awaitDeclined(Checkout checkout, int count) {
        return declined.await(OrderDeclined.class, r -> r.getCheckoutId().equals(checkout.checkoutId()), count, WAIT);
    }

    private JsonNode awaitImportCall(Checkout checkout) {
        Awaitility.await().atMost(WAIT).until(() -> !sandbox.calls("order/import", "amazonOrderId",
                checkout.orderReferenceId()).isEmpty());
        return sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId()).get(0);
    }

    private Instant firstImportCall(Checkout checkout) {
        return receivedAt(awaitImportCall(checkout));
    }

    private Instant firstQueryAfter(Checkout checkout, String orderId) {
        Instant sent = firstImportCall(checkout);
        return sandbox.calls("order/query", "orderId", orderId).stream().map(AmbiguousAnswersTest::receivedAt)
                .filter(at -> at.isAfter(sent)).findFirst().orElseThrow();
    }

    /** Waits until {@code delay} after {@code start}, so that a late commit the sandbox scheduled has happened. */
    private static void awaitPast(Instant start, Duration delay) throws InterruptedException {
        long millis = Duration.between(Instant.now(), start.plus(delay)).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static Instant receivedAt(JsonNode call) {
        return Instant.parse(call.path("receivedAt").asString());
    }

    private void assertChargedOnce(Checkout checkout, String orderId) {
        List<JsonNode> paid = sandbox.ordersPaidWith(checkout.orderReferenceId());
        assertThat(paid).hasSize(1);
        assertThat(paid.get(0).path("orderId").asString()).isEqualTo(orderId);
        assertThat(paid.get(0).path("orderStatus").asString()).isEqualTo("COMPLETE");
        assertThat(paid.get(0).path("completedImports").asInt()).isEqualTo(1);
    }

    private static int quantityOf(JsonNode order, long productId) {
        int quantity = 0;
        for (JsonNode item : order.path("items")) {
            if (item.path("productId").asLong() == productId) {
                quantity += item.path("qty").asInt();
            }
        }
        return quantity;
    }

    private List<CheckoutStatusChanged> statusesOf(String checkoutId) {
        return statuses.values(CheckoutStatusChanged.class, s -> s.getCheckoutId().equals(checkoutId)
                && "crm-importer".equals(s.getChangedBy()));
    }

    /** Every status of the order's key, in the order of the status topic. */
    private List<CheckoutStatusChanged> allStatusesOf(String checkoutId) {
        return statuses.matching(r -> checkoutId.equals(r.key())).stream()
                .map(r -> (CheckoutStatusChanged) r.value()).toList();
    }

    private static void eventually(org.awaitility.core.ThrowingRunnable assertion) {
        Awaitility.await().atMost(WAIT).untilAsserted(assertion);
    }
}
