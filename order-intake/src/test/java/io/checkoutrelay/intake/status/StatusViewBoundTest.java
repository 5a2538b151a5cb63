package io.checkoutrelay.intake.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.intake.support.Statuses;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An intake whose status view may hold 50 checkouts reads 300 from checkout.status.v1 (on top of what
 * other tests left there): it never holds more than 50 once it has read them, the longest unchanged
 * answer 404 as an unknown checkout, the latest still answer with their status.
 */
@ExtendWith(RealInfrastructure.class)
class StatusViewBoundTest {

    private static final int MAX = 50;

    @Test
    void theViewHoldsAtMostItsMaximumAndWhatFellOutAnswers404(Infrastructure infra) throws Exception {
        Map<String, String> settings = RunningIntake.settings(infra, RunningIntake.newTokenKeys());
        settings.put("intake.status.max-entries", Integer.toString(MAX));
        RunningIntake intake = RunningIntake.start(settings);
        try {
            // in progress (ENRICHED), each a millisecond later than the one before and than anything other
            // tests wrote: the oldest go first
            Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ids.add(UUID.randomUUID().toString());
            }
            write(infra, ids, start);

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> intake.get("/v1/checkouts/" + ids.get(ids.size() - 1)).statusCode() == 200);
            StatusViewHealth health = intake.context().getBean(StatusViewHealth.class);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> (Integer) health.health().getDetails().get("checkouts") <= MAX); // trimmed after the poll
            Map<String, Object> details = health.health().getDetails();
            assertThat(details).containsEntry("maxCheckouts", MAX);
            assertThat((Long) details.get("forgottenForSize")).isGreaterThanOrEqualTo(300 - MAX);

            assertThat(intake.get("/v1/checkouts/" + ids.get(0)).statusCode()).as("forgotten: as unknown").isEqualTo(404);
            assertThat(intake.get("/v1/checkouts/" + ids.get(ids.size() - 1)).body()).contains("\"ENRICHED\"");
        } finally {
            intake.close();
        }
    }

    private static void write(Infrastructure infra, List<String> ids, Instant start) throws Exception {
        Map<String, Object> configs = RelaySerdes.producerConfigs(infra.registryUrl());
        configs.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(configs)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                sent.add(producer.send(new ProducerRecord<>(Topics.CHECKOUT_STATUS.name(), ids.get(i),
                        Statuses.base(ids.get(i), 1, CheckoutStatus.ENRICHED).setChangedAt(start.plusMillis(i)).build())));
            }
            for (Future<RecordMetadata> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
    }
}
