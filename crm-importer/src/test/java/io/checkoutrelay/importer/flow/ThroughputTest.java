package io.checkoutrelay.importer.flow;

import static io.checkoutrelay.importer.support.TestCheckouts.line;
import static io.checkoutrelay.importer.support.TestCheckouts.newCheckout;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

/**
 * 500 checkouts on 3 partitions, 300 ms per CRM call, at most 32 CRM calls at once. Each checkout
 * takes two calls (Import Lead, then Import Order), so the floor is 1000 × 0.3 s / 32 ≈ 9.4 s.
 */
@ExtendWith({RealInfrastructure.class, RunningSandbox.class})
class ThroughputTest {

    private static final String INPUT = "bench.checkout.enriched.v1";
    private static final int CHECKOUTS = 500;
    private static final int CAP = 32;

    @Test
    void fiveHundredCheckoutsAtThreeHundredMillisecondsNeverExceedTheCallCap(Infrastructure infra, SandboxCrm sandbox)
            throws Exception {
        TestCheckouts checkouts = new TestCheckouts();
        try (KafkaTestClient kafka = new KafkaTestClient(infra)) {
            RunningImporter.provisionOwnTopics(infra, INPUT, 3);
            Map<String, Object> settings = RunningImporter.settings(infra, sandbox, INPUT);
            settings.put("crm-importer.checkoutchamp.max-concurrent-calls", Integer.toString(CAP));
            try (RunningImporter importer = RunningImporter.start(settings)) {
                KafkaTestClient.Collector imported = kafka.collect(Topics.ORDER_IMPORTED.name(), false);
                Checkout warmUp = newCheckout();
                kafka.send(INPUT, warmUp.checkoutId(), checkouts.order(warmUp, 1, List.of(line(101, 1, "1.00"))));
                imported.await(OrderImported.class, r -> r.getCheckoutId().equals(warmUp.checkoutId()), 1,
                        Duration.ofSeconds(60));

                sandbox.reset();
                sandbox.settings("{\"crm.latency\":\"300ms\"}");
                List<Map.Entry<String, Object>> records = new ArrayList<>();
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < CHECKOUTS; i++) {
                    Checkout checkout = newCheckout();
                    ids.add(checkout.checkoutId());
                    records.add(new AbstractMap.SimpleEntry<>(checkout.checkoutId(),
                            checkouts.order(checkout, 1, List.of(line(101 + i % 5, 1, "19.95")))));
                }
                long start = System.nanoTime();
                kafka.sendAll(INPUT, records);
                List<OrderImported> done = imported.await(OrderImported.class, r -> ids.contains(r.getCheckoutId()),
                        CHECKOUTS, Duration.ofSeconds(90));
                double seconds = (System.nanoTime() - start) / 1e9;

                var stats = sandbox.stats();
                var timer = importer.context().getBean(io.micrometer.core.instrument.MeterRegistry.class)
                        .find("crm_importer.crm.latency").timers();
                double clientMeanMs = timer.stream().mapToDouble(t -> t.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).sum()
                        / Math.max(1, timer.stream().mapToLong(io.micrometer.core.instrument.Timer::count).sum());
                double serverMeanMs = sandbox.meanDurationMillis("order/import");
                int peak = stats.path("crm").path("peakConcurrency").asInt();
                String figure = String.format(java.util.Locale.ROOT,
                        "%d checkouts, 3 partitions, CRM latency 300 ms, cap %d: %.2f s (floor %.1f s for %d calls), "
                                + "peak concurrent CRM calls %d, orders by status %s, mean CRM call %.0f ms as the importer saw it "
                                + "(sandbox-side %.0f ms for order/import)%n",
                        CHECKOUTS, CAP, seconds, 2 * CHECKOUTS * 0.3 / CAP, 2 * CHECKOUTS, peak,
                        stats.path("ordersByStatus"), clientMeanMs, serverMeanMs);
                System.out.print(figure);
                Files.writeString(Path.of("target", "throughput.txt"), figure);

                assertThat(done).hasSize(CHECKOUTS);
                assertThat(done).extracting(OrderImported::getCheckoutId).doesNotHaveDuplicates();
                assertThat(stats.path("ordersByStatus").path("COMPLETE").asInt()).isEqualTo(CHECKOUTS);
                assertThat(peak).isLessThanOrEqualTo(CAP).isGreaterThanOrEqualTo(CAP / 2);
                assertThat(seconds).isLessThan(30);
            } finally {
                sandbox.reset();
            }
        }
    }
}
