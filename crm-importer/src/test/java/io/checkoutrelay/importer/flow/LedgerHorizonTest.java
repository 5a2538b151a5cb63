package io.checkoutrelay.importer.flow;

import static io.checkoutrelay.importer.support.TestCheckouts.line;
import static io.checkoutrelay.importer.support.TestCheckouts.newCheckout;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.support.KafkaHeaders;

import io.checkoutrelay.importer.ledger.Ledger;
import io.checkoutrelay.importer.ledger.LedgerEntry;
import io.checkoutrelay.importer.support.KafkaTestClient;
import io.checkoutrelay.importer.support.RunningImporter;
import io.checkoutrelay.importer.support.RunningSandbox;
import io.checkoutrelay.importer.support.SandboxCrm;
import io.checkoutrelay.importer.support.TestCheckouts;
import io.checkoutrelay.importer.support.TestCheckouts.Checkout;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.AmazonCheckoutEnriched;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.OrderImported;
import io.checkoutrelay.schemas.topic.Topics;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14: the importer's in-memory ledger forgets a checkout unchanged for the ledger topic's
 * retention (8 days). A checkout imported with an upsell; nine days later (its ledger entry aged as the
 * restarted importer finds it: still in the topic, as compaction and daily segments may leave it, but
 * past the horizon) its order and upsell records are replayed as the replay tool copies them. The
 * restarted importer holds nothing of it and must not import it again: no CRM call at all, no decline,
 * the records in the dead-letter topic saying why, the sandbox CRM still with one order.
 */
@ExtendWith({RealInfrastructure.class, RunningSandbox.class})
class LedgerHorizonTest {

    private static final Duration NINE_DAYS = Duration.ofDays(9);

    @Test
    void aCheckoutWhoseLedgerEntryExpiredIsNotImportedAgainWhenItsRecordsAreReplayed(Infrastructure infra,
            SandboxCrm sandbox) throws Exception {
        String input = "horizon-" + UUID.randomUUID().toString().substring(0, 8) + ".checkout.enriched.v1";
        String ledger = input + ".ledger";
        Checkout checkout = newCheckout();
        String upsellReference = "S01-UP-" + UUID.randomUUID();
        String sessionId = "s-" + checkout.checkoutId().substring(0, 8);
        TestCheckouts checkouts = new TestCheckouts();
        AmazonCheckoutEnriched order = checkouts.order(checkout, 1, List.of(line(101, 1, "19.95")));
        AmazonCheckoutEnriched upsell = checkouts.upsell(checkout, upsellReference, 205, "9.95");
        try (KafkaTestClient kafka = new KafkaTestClient(infra)) {
            RunningImporter.provisionOwnTopics(infra, input, 3);
            Map<String, Object> settings = RunningImporter.settings(infra, sandbox, input);
            KafkaTestClient.Collector imported = kafka.collect(Topics.ORDER_IMPORTED.name(), false);
            KafkaTestClient.Collector declined = kafka.collect(Topics.ORDER_DECLINED.name(), false);
            KafkaTestClient.Collector statuses = kafka.collect(Topics.CHECKOUT_STATUS.name(), false);
            KafkaTestClient.Collector ledgerRecords = kafka.collect(ledger, true);
            KafkaTestClient.Collector deadLetters = kafka.collect(input + ".dlt", true);

            JsonMapper json;
            try (RunningImporter first = RunningImporter.start(settings)) {
                json = first.context().getBean(JsonMapper.class);
                kafka.send(input, checkout.checkoutId(), order);
                kafka.send(input, checkout.checkoutId(), upsell);
                imported.await(OrderImported.class, r -> r.getCheckoutId().equals(checkout.checkoutId()), 2,
                        Duration.ofSeconds(90));
            }
            assertThat(sandbox.ordersPaidWith(checkout.orderReferenceId())).hasSize(1);

            // nine days on, as the restarted importer finds the ledger: the entry is still there, unchanged since
            ConsumerRecord<String, Object> last = ledgerRecords.matching(r -> checkout.checkoutId().equals(r.key()))
                    .stream().reduce((a, b) -> b).orElseThrow();
            LedgerEntry settled = json.readValue(new String((byte[]) last.value(), StandardCharsets.UTF_8),
                    LedgerEntry.class);
            assertThat(settled.upsells()).hasSize(1);
            Instant nineDaysAgo = Instant.ofEpochMilli(settled.updatedAt()).minus(NINE_DAYS);
            LedgerEntry aged = new LedgerEntry(settled.checkoutId(), settled.orderId(), settled.customerId(),
                    settled.state(), settled.attempt(), settled.declineClass(), settled.reason(), settled.unsettled(),
                    settled.declinedBefore(), settled.productIds(), settled.upsells(), nineDaysAgo.toEpochMilli());
            kafka.sendBytes(ledger, last.partition(), nineDaysAgo.toEpochMilli(), checkout.checkoutId(),
                    json.writeValueAsString(aged).getBytes(StandardCharsets.UTF_8));

            // the replay tool copies the records as they were: captured (and their tokens dead) nine days ago
            kafka.send(input, checkout.checkoutId(), capturedEarlier(order, NINE_DAYS));
            kafka.send(input, checkout.checkoutId(), capturedEarlier(upsell, NINE_DAYS));

            try (RunningImporter second = RunningImporter.start(settings)) {
                List<ConsumerRecord<String, Object>> dead = awaitDeadLetters(deadLetters, checkout.checkoutId(), 2);
                for (ConsumerRecord<String, Object> letter : dead) {
                    assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                            .contains("checkout " + checkout.checkoutId())
                            .contains("more than the ledger's horizon (8 days) ago")
                            .contains("nothing was sent")
                            .doesNotContain(checkout.token());
                }
                assertThat(second.context().getBean(Ledger.class).size()).as("entries held after the restore")
                        .isZero();
                Thread.sleep(2000);
            }

            assertThat(sandbox.calls("leads/import", "sessionId", sessionId)).as("Import Lead").hasSize(1);
            assertThat(sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId()))
                    .as("Import Order").hasSize(1);
            assertThat(sandbox.calls("upsale/import", "amazonOrderId", upsellReference)).as("Import Upsale")
                    .hasSize(1);
            assertThat(sandbox.ordersPaidWith(checkout.orderReferenceId())).hasSize(1);
            assertThat(sandbox.ordersPaidWith(checkout.orderReferenceId()).get(0).path("completedImports").asInt())
                    .isEqualTo(1);
            assertThat(imported.values(OrderImported.class, r -> r.getCheckoutId().equals(checkout.checkoutId())))
                    .hasSize(2);
            assertThat(declined.values(OrderDeclined.class, r -> r.getCheckoutId().equals(checkout.checkoutId())))
                    .isEmpty();
            List<CheckoutStatusChanged> history = statuses.values(CheckoutStatusChanged.class,
                    s -> s.getCheckoutId().equals(checkout.checkoutId()));
            assertThat(history).extracting(CheckoutStatusChanged::getStatus).doesNotContain(CheckoutStatus.DECLINED);
            assertThat(history.stream().reduce((a, b) -> b).orElseThrow().getStatus()).isEqualTo(CheckoutStatus.IMPORTED);
        }
    }

    /** The record as a replay copies it, had it been captured {@code earlier} before this one was. */
    private static AmazonCheckoutEnriched capturedEarlier(AmazonCheckoutEnriched record, Duration earlier) {
        AmazonCheckoutCaptured captured = AmazonCheckoutCaptured.newBuilder(record.getCaptured())
                .setCapturedAt(record.getCaptured().getCapturedAt().minus(earlier)).build();
        return AmazonCheckoutEnriched.newBuilder(record).setCaptured(captured)
                .setTokenExpiresAt(record.getTokenExpiresAt().minus(earlier))
                .setEnrichedAt(record.getEnrichedAt().minus(earlier)).build();
    }

    private static List<ConsumerRecord<String, Object>> awaitDeadLetters(KafkaTestClient.Collector deadLetters,
            String checkoutId, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90))
                .until(() -> deadLetters.matching(r -> checkoutId.equals(r.key())).size() >= count);
        return deadLetters.matching(r -> checkoutId.equals(r.key()));
    }

    private static String header(ConsumerRecord<String, Object> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
