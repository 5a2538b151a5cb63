package io.checkoutrelay.importer.flow;

import static io.checkoutrelay.importer.support.TestCheckouts.line;
import static io.checkoutrelay.importer.support.TestCheckouts.newCheckout;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.checkoutrelay.importer.support.KafkaTestClient;
import io.checkoutrelay.importer.support.RunningImporter;
import io.checkoutrelay.importer.support.RunningSandbox;
import io.checkoutrelay.importer.support.SandboxCrm;
import io.checkoutrelay.importer.support.TestCheckouts;
import io.checkoutrelay.importer.support.TestCheckouts.Checkout;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.OrderImported;
import io.checkoutrelay.schemas.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;

/** A second importer joins the group while the first is mid-flight: partitions move, every checkout still gets one order. */
@ExtendWith({RealInfrastructure.class, RunningSandbox.class})
class RebalanceTest {

    private static final String INPUT = "rebalance.checkout.enriched.v1";
    private static final int CHECKOUTS = 60;

    @Test
    void partitionsMovingMidFlightStillMakeExactlyOneOrderPerCheckout(Infrastructure infra, SandboxCrm sandbox) {
        TestCheckouts checkouts = new TestCheckouts();
        try (KafkaTestClient kafka = new KafkaTestClient(infra)) {
            RunningImporter.provisionOwnTopics(infra, INPUT, 3);
            Map<String, Object> settings = RunningImporter.settings(infra, sandbox, INPUT);
            settings.put("crm-importer.consumer.session-timeout", "6s");
            // slow enough (60 × 2 calls × 0.7 s / 4 ≈ 21 s alone) for the second importer to join mid-flight
            settings.put("crm-importer.checkoutchamp.max-concurrent-calls", "4");
            KafkaTestClient.Collector imported = kafka.collect(Topics.ORDER_IMPORTED.name(), false);
            List<Checkout> all = new ArrayList<>();
            List<Map.Entry<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < CHECKOUTS; i++) {
                Checkout checkout = newCheckout();
                all.add(checkout);
                records.add(new AbstractMap.SimpleEntry<>(checkout.checkoutId(),
                        checkouts.order(checkout, 1, List.of(line(101, 1, "19.95")))));
            }
            Set<String> ids = all.stream().map(Checkout::checkoutId).collect(Collectors.toSet());
            sandbox.settings("{\"crm.latency\":\"700ms\"}");
            try (RunningImporter first = RunningImporter.start(settings)) {
                kafka.sendAll(INPUT, records);
                imported.await(OrderImported.class, r -> ids.contains(r.getCheckoutId()), 5, Duration.ofSeconds(60));
                try (RunningImporter second = RunningImporter.start(settings)) {
                    // results are published at least once: a checkout settled again by its new owner may repeat
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> imported
                            .values(OrderImported.class, r -> ids.contains(r.getCheckoutId())).stream()
                            .map(OrderImported::getCheckoutId).distinct().count() == CHECKOUTS);
                    assertThat(crmCalls(second)).as("the second importer took partitions over").isPositive();
                }
            } finally {
                sandbox.settings("{\"crm.latency\":\"0ms\"}");
            }
            for (Checkout checkout : all) {
                List<JsonNode> paid = sandbox.ordersPaidWith(checkout.orderReferenceId());
                assertThat(paid).as("orders paid with " + checkout.orderReferenceId()).hasSize(1);
                assertThat(paid.get(0).path("completedImports").asInt()).isEqualTo(1);
            }
        }
    }

    private static long crmCalls(RunningImporter importer) {
        return importer.context().getBean(MeterRegistry.class).find("crm_importer.crm.latency").timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
