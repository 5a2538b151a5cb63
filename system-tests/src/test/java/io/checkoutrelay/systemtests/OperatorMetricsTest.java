package io.checkoutrelay.systemtests;

import static io.checkoutrelay.systemtests.Checkouts.checkoutId;
import static io.checkoutrelay.systemtests.Checkouts.newOrderReference;
import static io.checkoutrelay.systemtests.Checkouts.order;
import static io.checkoutrelay.systemtests.Checkouts.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gauges an operator alerts on move with what the system goes through: lag and the oldest unsettled checkout. */
@ExtendWith(SystemExtension.class)
class OperatorMetricsTest {

    private static final String IMPORTER_AGE = "crm_importer_oldest_unimported_age_seconds";
    private static final String IMPORTER_LAG = "crm_importer_consumer_lag";
    private static final String ENRICHER_AGE = "enricher_oldest_in_work_age_seconds";
    private static final String ENRICHER_LAG = "enricher_consumer_lag";

    @Test
    void duringACrmOutageTheOldestUnimportedCheckoutAgesAndLagGrowsThenBothFallToZero(RunningSystem system)
            throws Exception {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox crm = new Sandbox(system.sandboxUrl());
        Prometheus importer = new Prometheus(system.serviceUrl("crm-importer"));
        Prometheus enricher = new Prometheus(system.serviceUrl("profile-enricher"));
        List<String> references = new ArrayList<>();
        crm.settings("{\"crm.outage\": true}");
        try {
            for (int i = 0; i < 3; i++) {
                String reference = newOrderReference();
                references.add(reference);
                assertThat(lander.postCheckout(order(reference, token(""), 101)).status()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> importer.sum(IMPORTER_AGE).orElse(0) >= 2);
            double first = importer.sum(IMPORTER_AGE).orElseThrow();
            TimeUnit.SECONDS.sleep(3);
            assertThat(importer.sum(IMPORTER_AGE).orElseThrow()).as("age of the oldest unimported checkout")
                    .isGreaterThanOrEqualTo(first + 2.5);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(importer.sum(IMPORTER_LAG).orElse(0))
                            .as("importer lag: records in work are not committed").isGreaterThanOrEqualTo(3));
            assertThat(importer.series(IMPORTER_LAG)).as("one series per assigned partition").isGreaterThanOrEqualTo(1);
        } finally {
            crm.settings("{\"crm.outage\": false}");
        }
        for (String reference : references) {
            JsonNode status = lander.awaitFinal(checkoutId(reference), Duration.ofSeconds(120));
            assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("IMPORTED");
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(importer.sum(IMPORTER_AGE)).hasValue(0.0);
            assertThat(importer.sum(IMPORTER_LAG)).hasValue(0.0);
            assertThat(enricher.sum(ENRICHER_AGE)).hasValue(0.0);
            assertThat(enricher.sum(ENRICHER_LAG)).hasValue(0.0);
        });
        assertThat(enricher.series(ENRICHER_LAG)).as("enricher lag: one series per assigned partition")
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void whileAmazonFailsTheEnricherShowsItsOldestCheckoutInWork(RunningSystem system) {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox sandbox = new Sandbox(system.sandboxUrl());
        Prometheus enricher = new Prometheus(system.serviceUrl("profile-enricher"));
        String reference = newOrderReference();
        sandbox.settings("{\"amazon.failure-rate\": 1}");
        try {
            assertThat(lander.postCheckout(order(reference, token(""), 101)).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> enricher.sum(ENRICHER_AGE).orElse(0) >= 2);
        } finally {
            sandbox.settings("{\"amazon.failure-rate\": 0}");
        }
        JsonNode status = lander.awaitFinal(checkoutId(reference), Duration.ofSeconds(120));
        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("IMPORTED");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(enricher.sum(ENRICHER_AGE)).hasValue(0.0));
    }
}
