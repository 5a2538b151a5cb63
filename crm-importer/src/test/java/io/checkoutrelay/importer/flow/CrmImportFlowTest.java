package io.checkoutrelay.importer.flow;

import static io.checkoutrelay.importer.support.TestCheckouts.line;
import static io.checkoutrelay.importer.support.TestCheckouts.newCheckout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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

/** The import flow against a real broker, a real registry and the sandbox CRM, one scenario per test. */
@ExtendWith({RealInfrastructure.class, RunningSandbox.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrmImportFlowTest {

    private static final String INPUT = "flow.checkout.enriched.v1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private SandboxCrm sandbox;
    private KafkaTestClient kafka;
    private RunningImporter importer;
    private KafkaTestClient.Collector imported;
    private KafkaTestClient.Collector declined;
    private KafkaTestClient.Collector statuses;
    private KafkaTestClient.Collector deadLetters;
    private final TestCheckouts checkouts = new TestCheckouts();

    @BeforeAll
    void start(Infrastructure infra, SandboxCrm sandboxCrm) {
        sandbox = sandboxCrm;
        kafka = new KafkaTestClient(infra);
        RunningImporter.provisionOwnTopics(infra, INPUT, 3);
        importer = RunningImporter.start(RunningImporter.settings(infra, sandbox, INPUT));
        imported = kafka.collect(Topics.ORDER_IMPORTED.name(), false);
        declined = kafka.collect(Topics.ORDER_DECLINED.name(), false);
        statuses = kafka.collect(Topics.CHECKOUT_STATUS.name(), false);
        deadLetters = kafka.collect(INPUT + ".dlt", true);
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

    @Test
    void importsTwoProductsAndAnUpsellWithTheExactCrmParameters() {
        Checkout checkout = newCheckout();
        String upsellReference = "S01-UP-" + UUID.randomUUID().toString().substring(0, 12);
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1,
                List.of(line(101, 2, "19.95"), line(102, 1, "5.00"))));
        kafka.send(INPUT, checkout.checkoutId(), checkouts.upsell(checkout, upsellReference, 205, "9.95"));

        List<OrderImported> results = imported.await(OrderImported.class,
                r -> r.getCheckoutId().equals(checkout.checkoutId()), 2, WAIT);
        OrderImported order = results.stream().filter(r -> r.getKind() == CheckoutKind.ORDER).findFirst().orElseThrow();
        OrderImported upsell = results.stream().filter(r -> r.getKind() == CheckoutKind.UPSELL).findFirst().orElseThrow();
        String orderId = order.getCrmOrderId();

        String sessionId = "s-" + checkout.checkoutId().substring(0, 8);
        List<JsonNode> leads = sandbox.calls("leads/import", "sessionId", sessionId);
        assertThat(leads).hasSize(1);
        assertThat(params(leads.get(0))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "loginId", "relay-local", "password", "***", "campaignId", "12", "firstName", "Jane",
                "lastName", "Q Doe", "emailAddress", "jane@example.com", "phoneNumber", "5551234567",
                "ipAddress", "203.0.113.9", "sessionId", sessionId));
        List<JsonNode> orders = sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId());
        assertThat(orders).hasSize(1);
        Map<String, String> expectedOrder = new java.util.HashMap<>(params(leads.get(0)));
        expectedOrder.putAll(Map.of("orderId", orderId, "couponCode", "SAVE10", "affId", "aff-3",
                "salesUrl", "https://lander.example/p1", "paySource", "AMAZON", "amazonBillerId", "7",
                "amazonOrderId", checkout.orderReferenceId(), "amazonAddressConsent", sha256(checkout.token())));
        expectedOrder.putAll(Map.of("product1_id", "101", "product1_qty", "2", "product1_price", "19.95",
                "product2_id", "102", "product2_qty", "1", "product2_price", "5.00"));
        assertThat(params(orders.get(0))).containsExactlyInAnyOrderEntriesOf(expectedOrder);
        List<JsonNode> upsales = sandbox.calls("upsale/import", "orderId", orderId);
        assertThat(upsales).hasSize(1);
        assertThat(params(upsales.get(0))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "loginId", "relay-local", "password", "***", "orderId", orderId, "productId", "205",
                "productQty", "1", "productPrice", "9.95", "amazonBillerId", "7", "amazonOrderId", upsellReference,
                "amazonAddressConsent", sha256(TestCheckouts.upsellToken(checkout))));

        assertThat(order.getAttempt()).isEqualTo(1);
        assertThat(order.getCampaignId()).isEqualTo(12L);
        assertThat(order.getAmazonOrderReferenceId()).isEqualTo(checkout.orderReferenceId());
        assertThat(order.getCrmOrderStatus()).isEqualTo("COMPLETE");
        assertThat(order.getSettledByQuery()).isFalse();
        assertThat(order.getCrmCustomerId()).isNotBlank();
        assertThat(order.getItems()).extracting(ImportedItem::getProductId, ImportedItem::getQuantity, ImportedItem::getPrice)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(101L, 2, new BigDecimal("19.95")),
                        org.assertj.core.groups.Tuple.tuple(102L, 1, new BigDecimal("5.00")));
        assertThat(order.getTotalAmount()).isEqualByComparingTo("44.90");
        assertThat(upsell.getCrmOrderId()).isEqualTo(orderId);
        assertThat(upsell.getUpsellId()).isEqualTo(CheckoutIds.upsellIdForReference(checkout.checkoutId(), upsellReference, 205));
        assertThat(upsell.getAmazonOrderReferenceId()).isEqualTo(upsellReference);
        assertThat(upsell.getItems()).extracting(ImportedItem::getProductId, ImportedItem::getQuantity, ImportedItem::getPrice)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(205L, 1, new BigDecimal("9.95")));
        assertThat(upsell.getTotalAmount()).isEqualByComparingTo("54.85");

        JsonNode crmOrder = sandbox.order(orderId);
        assertThat(crmOrder.path("orderStatus").asString()).isEqualTo("COMPLETE");
        assertThat(crmOrder.path("completedImports").asInt()).isEqualTo(1);
        assertThat(crmOrder.path("upsaleCalls").asInt()).isEqualTo(1);
        eventually(() -> assertThat(statusesOf(checkout.checkoutId()))
                .containsSubsequence(CheckoutStatus.IMPORTING, CheckoutStatus.IMPORTED));
        String upsellKey = Topics.upsellStatusKey(checkout.checkoutId(), CheckoutIds.upsellIdForReference(checkout.checkoutId(), upsellReference, 205));
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                statuses.matching(r -> upsellKey.equals(r.key())))
                .extracting(r -> ((CheckoutStatusChanged) r.value()).getStatus())
                .containsSubsequence(CheckoutStatus.IMPORTING, CheckoutStatus.IMPORTED));
    }

    @Test
    void twoServiceUnavailableAnswersThenSuccessMakeOneOrder() {
        Checkout checkout = newCheckout();
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"times\":2,\"respond\":{\"status\":503}}");
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));

        OrderImported result = awaitImported(checkout).get(0);
        assertThat(sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId())).hasSize(3);
        // each 503 is ambiguous: PARTIAL must be read twice, a confirm interval apart, before sending again
        assertThat(sandbox.calls("order/query", "orderId", result.getCrmOrderId())).hasSize(4);
        assertOneChargedOrder(checkout, result.getCrmOrderId());
        eventually(() -> assertThat(statusesOf(checkout.checkoutId())).contains(CheckoutStatus.RETRYING)
                .endsWith(CheckoutStatus.IMPORTED));
    }

    @Test
    void timeoutAfterTheCrmCreatedTheOrderIsSettledByOrderQueryWithoutASecondImport() {
        Checkout checkout = newCheckout();
        sandbox.settings("{\"crm.timeout-delay\":\"4s\"}");
        try {
            kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(9006, 1, "10.00"))));
            OrderImported result = awaitImported(checkout).get(0);
            assertThat(result.getSettledByQuery()).isTrue();
            assertThat(result.getCrmOrderStatus()).isEqualTo("COMPLETE");
            assertThat(sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId())).hasSize(1);
            assertThat(sandbox.calls("order/query", "orderId", result.getCrmOrderId())).isNotEmpty();
            assertOneChargedOrder(checkout, result.getCrmOrderId());
        } finally {
            sandbox.settings("{\"crm.timeout-delay\":\"35s\"}");
        }
    }

    @Test
    void anUnknownUpsellOutcomeIsSettledByFindingItsProductOnTheOrder() {
        Checkout checkout = newCheckout();
        sandbox.settings("{\"crm.timeout-delay\":\"4s\"}");
        try {
            kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));
            kafka.send(INPUT, checkout.checkoutId(), checkouts.upsell(checkout, "S01-UP-" + UUID.randomUUID(), 9006, "9.95"));
            OrderImported upsell = awaitImported(checkout, 2).stream().filter(r -> r.getKind() == CheckoutKind.UPSELL)
                    .findFirst().orElseThrow();
            assertThat(upsell.getSettledByQuery()).isTrue();
            assertThat(upsell.getItems()).extracting(ImportedItem::getProductId).containsExactly(9006L);
            assertThat(sandbox.calls("upsale/import", "orderId", upsell.getCrmOrderId())).hasSize(1);
            assertThat(sandbox.order(upsell.getCrmOrderId()).path("upsaleCalls").asInt()).isEqualTo(1);
        } finally {
            sandbox.settings("{\"crm.timeout-delay\":\"35s\"}");
        }
    }

    @Test
    void retriesNeverOutliveTheTokenAndEndAsUnavailable() {
        Checkout checkout = newCheckout();
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"times\":1000,\"respond\":{\"status\":503}}");
        // the token dies in 40 s; with the 30 s safety margin the retry budget is about 10 s, and each 503
        // takes 3.3 s to settle (2 s request timeout + 300 ms margin, then PARTIAL again 1 s later)
        Instant tokenExpires = Instant.now().plusSeconds(40);
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95")),
                tokenExpires));
        OrderDeclined decline = awaitDeclined(checkout).get(0);
        assertThat(decline.getDecline().getDeclineClass()).isEqualTo(DeclineClass.UNAVAILABLE);
        // the last 503 was not settled before the budget ended: a replay must ask Order Query first
        assertThat(decline.getDecline().getReason()).isEqualTo("outcome_unsettled");
        assertThat(decline.getDeclinedAt()).isBefore(tokenExpires.minusSeconds(29));
        assertThat(sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId()).size())
                .isGreaterThan(1);
        assertThat(sandbox.ordersPaidWith(checkout.orderReferenceId())).isEmpty();
        eventually(() -> assertThat(statusesOf(checkout.checkoutId())).contains(CheckoutStatus.RETRYING)
                .endsWith(CheckoutStatus.DECLINED));
    }

    @Test
    void doubleDeliveryOfTheSameRecordMakesOneOrder() {
        Checkout checkout = newCheckout();
        var record = checkouts.order(checkout, 1, List.of(line(101, 1, "19.95")));
        kafka.send(INPUT, checkout.checkoutId(), record);
        kafka.send(INPUT, checkout.checkoutId(), record);
        // an upsell behind both on the same key: once it is imported, both deliveries were processed
        kafka.send(INPUT, checkout.checkoutId(), checkouts.upsell(checkout, "S01-UP-" + UUID.randomUUID(), 205, null));
        List<OrderImported> results = awaitImported(checkout, 2);

        assertThat(results).filteredOn(r -> r.getKind() == CheckoutKind.ORDER).hasSize(1);
        String sessionId = "s-" + checkout.checkoutId().substring(0, 8);
        assertThat(sandbox.calls("leads/import", "sessionId", sessionId)).hasSize(1);
        assertThat(sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId())).hasSize(1);
        assertOneChargedOrder(checkout, results.get(0).getCrmOrderId());
    }

    @Test
    void invalidPaymentMethodAsksTheBuyerAndTheNextAttemptLandsInTheSameLeadOrder() {
        Checkout checkout = newCheckout();
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(9011, 1, "10.00"))));
        OrderDeclined decline = awaitDeclined(checkout).get(0);
        assertThat(decline.getDecline().getDeclineClass()).isEqualTo(DeclineClass.CUSTOMER_ACTION);
        assertThat(decline.getDecline().getReason()).isEqualTo("InvalidPaymentMethod");
        assertThat(decline.getAttempt()).isEqualTo(1);
        assertThat(decline.getRawMessage()).contains("InvalidPaymentMethod").doesNotContain("Atza");
        assertThat(decline.getSourceTopic()).isEqualTo(INPUT);
        assertThat(decline.getSourceOffset()).isNotNull();
        String leadOrderId = decline.getCrmOrderId();
        assertThat(leadOrderId).isNotBlank();

        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 2, List.of(line(9011, 1, "10.00"))));
        OrderImported result = awaitImported(checkout).get(0);
        assertThat(result.getAttempt()).isEqualTo(2);
        assertThat(result.getCrmOrderId()).isEqualTo(leadOrderId);
        String sessionId = "s-" + checkout.checkoutId().substring(0, 8);
        assertThat(sandbox.calls("leads/import", "sessionId", sessionId)).hasSize(1);
        assertThat(sandbox.order(leadOrderId).path("importOrderCalls").asInt()).isEqualTo(2);
        assertOneChargedOrder(checkout, leadOrderId);
    }

    @Test
    void afterAConsentDeclineTheBuyersNextAttemptWithANewTokenIsImportedIntoTheSameLeadOrderWithItsUpsell() {
        Checkout checkout = newCheckout();
        String upsellReference = "S01-UP-" + UUID.randomUUID();
        // the token dies inside the 30 s safety margin: the order is declined CONSENT before Import Order
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95")),
                Instant.now().plusSeconds(10)));
        kafka.send(INPUT, checkout.checkoutId(), checkouts.upsell(checkout, upsellReference, 205, "9.95"));
        List<OrderDeclined> declines = awaitDeclined(checkout, 2);
        assertThat(declines).extracting(d -> d.getDecline().getDeclineClass()).containsOnly(DeclineClass.CONSENT);
        String leadOrderId = declines.stream().filter(d -> d.getKind() == CheckoutKind.ORDER).findFirst()
                .orElseThrow().getCrmOrderId();
        assertThat(sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId())).isEmpty();

        // the buyer signed in again: the intake makes the resubmissions attempt 2
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 2, List.of(line(101, 1, "19.95"))));
        kafka.send(INPUT, checkout.checkoutId(), checkouts.upsell(checkout, upsellReference, 205, "9.95", 2));
        List<OrderImported> results = awaitImported(checkout, 2);

        assertThat(results).extracting(OrderImported::getAttempt).containsOnly(2);
        assertThat(results).extracting(OrderImported::getCrmOrderId).containsOnly(leadOrderId);
        assertThat(sandbox.calls("leads/import", "sessionId", "s-" + checkout.checkoutId().substring(0, 8)))
                .hasSize(1);
        assertThat(sandbox.calls("upsale/import", "orderId", leadOrderId)).hasSize(1);
        assertOneChargedOrder(checkout, leadOrderId);
        eventually(() -> assertThat(statusesOf(checkout.checkoutId())).endsWith(CheckoutStatus.IMPORTED));
    }

    @Test
    void theNextAttemptAfterAnUnsettledUnavailableDeclineAsksOrderQueryBeforeSendingAgain() {
        Checkout checkout = newCheckout();
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"times\":3,\"respond\":{\"status\":503}}");
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95")),
                Instant.now().plusSeconds(40)));
        OrderDeclined decline = awaitDeclined(checkout).get(0);
        assertThat(decline.getDecline().getDeclineClass()).isEqualTo(DeclineClass.UNAVAILABLE);
        assertThat(decline.getDecline().getReason()).isEqualTo("outcome_unsettled");
        String leadOrderId = decline.getCrmOrderId();

        // the lander tries again within the token's life: attempt 2
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 2, List.of(line(101, 1, "19.95"))));
        OrderImported result = awaitImported(checkout).get(0);

        assertThat(result.getAttempt()).isEqualTo(2);
        assertThat(result.getCrmOrderId()).isEqualTo(leadOrderId);
        Instant declinedAt = decline.getDeclinedAt();
        Instant firstQuery = sandbox.calls("order/query", "orderId", leadOrderId).stream()
                .map(c -> Instant.parse(c.path("receivedAt").asString())).filter(declinedAt::isBefore)
                .min(Instant::compareTo).orElseThrow();
        Instant firstImport = sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId()).stream()
                .map(c -> Instant.parse(c.path("receivedAt").asString())).filter(declinedAt::isBefore)
                .min(Instant::compareTo).orElseThrow();
        assertThat(firstQuery).as("Order Query settles the unknown outcome before anything is sent").isBefore(firstImport);
        assertOneChargedOrder(checkout, leadOrderId);
    }

    @Test
    void amazonRejectedIsTerminal() {
        Checkout checkout = newCheckout();
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(9002, 1, "10.00"))));
        OrderDeclined decline = awaitDeclined(checkout).get(0);
        assertThat(decline.getDecline().getDeclineClass()).isEqualTo(DeclineClass.TERMINAL);
        assertThat(decline.getDecline().getReason()).isEqualTo("AmazonRejected");
        assertThat(decline.getDecline().getMessage()).isNotBlank();
        assertThat(decline.getDeclinedBy()).isEqualTo("crm-importer");
        assertThat(decline.getRawMessage()).isEqualTo("Transaction Declined: AmazonRejected");
        eventually(() -> assertThat(statusesOf(checkout.checkoutId())).endsWith(CheckoutStatus.DECLINED));
    }

    @Test
    void validationErrorsAndMerchantRedirectsAreDeclinedWithoutRetry() {
        Checkout invalid = newCheckout();
        Checkout redirected = newCheckout();
        kafka.send(INPUT, invalid.checkoutId(), checkouts.order(invalid, 1, List.of(line(9003, 1, "10.00"))));
        kafka.send(INPUT, redirected.checkoutId(), checkouts.order(redirected, 1, List.of(line(9010, 1, "10.00"))));

        OrderDeclined invalidDecline = awaitDeclined(invalid).get(0);
        assertThat(invalidDecline.getDecline().getDeclineClass()).isEqualTo(DeclineClass.INVALID_REQUEST);
        assertThat(invalidDecline.getFieldErrors()).containsOnly(entry("product1_id", "Invalid product"));
        OrderDeclined redirectDecline = awaitDeclined(redirected).get(0);
        assertThat(redirectDecline.getDecline().getDeclineClass()).isEqualTo(DeclineClass.TERMINAL);
        assertThat(redirectDecline.getDecline().getReason()).isEqualTo("merchant_redirect");
        assertThat(sandbox.calls("order/import", "amazonOrderId", invalid.orderReferenceId())).hasSize(1);
        assertThat(sandbox.calls("order/import", "amazonOrderId", redirected.orderReferenceId())).hasSize(1);
    }

    @Test
    void anUpsellWaitsForItsParentInFlightAndLandsOnItsOrder() {
        Checkout checkout = newCheckout();
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"times\":1,\"respond\":{\"delayMillis\":1500}}");
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(101, 1, "19.95"))));
        kafka.send(INPUT, checkout.checkoutId(), checkouts.upsell(checkout, "S01-UP-" + UUID.randomUUID(), 205, "9.95"));

        List<OrderImported> results = awaitImported(checkout, 2);
        String orderId = results.stream().filter(r -> r.getKind() == CheckoutKind.ORDER).findFirst().orElseThrow()
                .getCrmOrderId();
        assertThat(results).filteredOn(r -> r.getKind() == CheckoutKind.UPSELL).singleElement()
                .satisfies(upsell -> assertThat(upsell.getCrmOrderId()).isEqualTo(orderId));
        JsonNode orderCall = sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId()).get(0);
        JsonNode upsaleCall = sandbox.calls("upsale/import", "orderId", orderId).get(0);
        Instant orderAnswered = Instant.parse(orderCall.path("receivedAt").asString())
                .plusMillis(orderCall.path("durationMillis").asLong());
        assertThat(orderCall.path("durationMillis").asLong()).isGreaterThanOrEqualTo(1500);
        assertThat(Instant.parse(upsaleCall.path("receivedAt").asString())).isAfterOrEqualTo(orderAnswered);
    }

    @Test
    void aDeclinedParentDeclinesItsUpsell() {
        Checkout checkout = newCheckout();
        String upsellReference = "S01-UP-" + UUID.randomUUID();
        kafka.send(INPUT, checkout.checkoutId(), checkouts.order(checkout, 1, List.of(line(9002, 1, "10.00"))));
        kafka.send(INPUT, checkout.checkoutId(), checkouts.upsell(checkout, upsellReference, 205, "9.95"));

        List<OrderDeclined> declines = awaitDeclined(checkout, 2);
        OrderDeclined upsell = declines.stream().filter(d -> d.getKind() == CheckoutKind.UPSELL).findFirst().orElseThrow();
        assertThat(upsell.getUpsellId()).isEqualTo(CheckoutIds.upsellIdForReference(checkout.checkoutId(), upsellReference, 205));
        assertThat(upsell.getDecline().getReason()).isEqualTo("order_declined");
        assertThat(upsell.getDecline().getDeclineClass()).isEqualTo(DeclineClass.TERMINAL);
        assertThat(sandbox.calls("upsale/import", "amazonOrderId", upsellReference)).isEmpty();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheRestFlows() {
        String key = "poison-" + UUID.randomUUID();
        kafka.sendBytes(INPUT, key, "not an avro record".getBytes(StandardCharsets.UTF_8));
        Checkout after = newCheckout();
        kafka.send(INPUT, after.checkoutId(), checkouts.order(after, 1, List.of(line(101, 1, "19.95"))));

        awaitImported(after);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !deadLetters.matching(r -> key.equals(r.key())).isEmpty());
        ConsumerRecord<String, Object> dead = deadLetters.matching(r -> key.equals(r.key())).get(0);
        assertThat(new String((byte[]) dead.value(), StandardCharsets.UTF_8)).isEqualTo("not an avro record");
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                .contains("not a readable AmazonCheckoutEnriched");
    }

    @Test
    void anUnreadableRecordOfACheckoutGoesToTheDeadLetterTopicWithADeclinedStatusForIt() {
        String checkoutId = UUID.randomUUID().toString();
        byte[] unknownSchema = {0, 0x3a, (byte) 0xde, 0x68, (byte) 0xb1, 2, 4}; // magic byte, schema id 987654321
        kafka.sendBytes(INPUT, checkoutId, unknownSchema);

        org.awaitility.Awaitility.await().atMost(WAIT)
                .until(() -> !deadLetters.matching(r -> checkoutId.equals(r.key())).isEmpty());
        ConsumerRecord<String, Object> dead = deadLetters.matching(r -> checkoutId.equals(r.key())).get(0);
        assertThat((byte[]) dead.value()).isEqualTo(unknownSchema);
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                .contains("schema id 987654321 is not in the registry");
        CheckoutStatusChanged status = statuses.await(CheckoutStatusChanged.class,
                s -> s.getCheckoutId().equals(checkoutId), 1, WAIT).get(0);
        assertThat(status.getStatus()).isEqualTo(CheckoutStatus.DECLINED);
        assertThat(status.getDecline().getDeclineClass()).isEqualTo(DeclineClass.INVALID_REQUEST);
        assertThat(status.getDecline().getReason()).isEqualTo("record_unreadable");
        assertThat(status.getChangedBy()).isEqualTo("crm-importer");
    }

    @Test
    void metricsCountImportsDeclinesRetriesReconciliationsAndCrmLatency() {
        Checkout ok = newCheckout();
        Checkout rejected = newCheckout();
        Checkout flaky = newCheckout();
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + flaky.orderReferenceId()
                + "\"},\"times\":1,\"respond\":{\"status\":503}}");
        kafka.send(INPUT, ok.checkoutId(), checkouts.order(ok, 1, List.of(line(101, 1, "19.95"))));
        kafka.send(INPUT, rejected.checkoutId(), checkouts.order(rejected, 1, List.of(line(9002, 1, "1.00"))));
        kafka.send(INPUT, flaky.checkoutId(), checkouts.order(flaky, 1, List.of(line(101, 1, "19.95"))));
        awaitImported(ok);
        awaitDeclined(rejected);
        awaitImported(flaky);

        var registry = importer.context().getBean(io.micrometer.core.instrument.MeterRegistry.class);
        assertThat(registry.get("crm_importer.imports").tag("kind", "order").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum()).isGreaterThanOrEqualTo(2);
        assertThat(registry.get("crm_importer.declines").tag("class", "TERMINAL").tag("reason", "AmazonRejected")
                .counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("crm_importer.retries").tag("step", "order_import").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("crm_importer.reconciliations").tag("result", "partial").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("crm_importer.crm.latency").tag("endpoint", "order_import").timers().stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count).sum()).isGreaterThanOrEqualTo(3);
        assertThat(registry.get("crm_importer.crm.calls.in_flight").gauge().value()).isGreaterThanOrEqualTo(0);
        assertThat(registry.get("crm_importer.records.in_flight").gauge().value()).isGreaterThanOrEqualTo(0);
    }

    private List<OrderImported> awaitImported(Checkout checkout) {
        return awaitImported(checkout, 1);
    }

    private List<OrderImported> awaitImported(Checkout checkout, int count) {
        return imported.await(OrderImported.class, r -> r.getCheckoutId().equals(checkout.checkoutId()), count, WAIT);
    }

    private List<OrderDeclined> awaitDeclined(Checkout checkout) {
        return awaitDeclined(checkout, 1);
    }

    private List<OrderDeclined> awaitDeclined(Checkout checkout, int count) {
        return declined.await(OrderDeclined.class, r -> r.getCheckoutId().equals(checkout.checkoutId()), count, WAIT);
    }

    /** Output topics are read by separate collectors: a status may arrive after the result record. */
    private static void eventually(org.awaitility.core.ThrowingRunnable assertion) {
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(assertion);
    }

    private List<CheckoutStatus> statusesOf(String checkoutId) {
        return statuses.values(CheckoutStatusChanged.class,
                s -> s.getCheckoutId().equals(checkoutId) && s.getKind() == CheckoutKind.ORDER
                        && "crm-importer".equals(s.getChangedBy()))
                .stream().map(CheckoutStatusChanged::getStatus).toList();
    }

    private void assertOneChargedOrder(Checkout checkout, String orderId) {
        List<JsonNode> paid = sandbox.ordersPaidWith(checkout.orderReferenceId());
        assertThat(paid).hasSize(1);
        assertThat(paid.get(0).path("orderId").asString()).isEqualTo(orderId);
        assertThat(paid.get(0).path("orderStatus").asString()).isEqualTo("COMPLETE");
        assertThat(paid.get(0).path("completedImports").asInt()).isEqualTo(1);
    }

    private static Map<String, String> params(JsonNode call) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        call.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
        return params;
    }

    static String sha256(String value) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
