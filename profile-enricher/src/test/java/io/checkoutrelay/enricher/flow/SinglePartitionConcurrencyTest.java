package io.checkoutrelay.enricher.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.enricher.support.AmazonStub;
import io.checkoutrelay.enricher.support.EnricherApp;
import io.checkoutrelay.enricher.support.KafkaTestClients;
import io.checkoutrelay.enricher.support.Output;
import io.checkoutrelay.enricher.support.OutputCollector;
import io.checkoutrelay.enricher.support.TestCheckouts;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 200 checkouts on ONE partition, each with a 200 ms profile call: a one-at-a-time consumer needs at
 * least 40 s. With key-level parallelism (default max-in-flight 64, 32 concurrent Amazon calls)
 * they must finish far sooner, while a checkout stuck in retries at the head of the partition
 * stalls nobody (and holds the partition's commit back), and an order and its upsell (same key)
 * still come out in order even though the order's profile call is the slowest.
 */
@ExtendWith(RealInfrastructure.class)
class SinglePartitionConcurrencyTest {

    private static final int CHECKOUTS = 200;
    private static final int PARTITION = 0;
    private static final int WARM_UP = 50;

    @Test
    void twoHundredCheckoutsOnOnePartitionFinishFarFasterThanOneAtATime(Infrastructure infra) throws Exception {
        try (AmazonStub amazon = new AmazonStub()) {
            Map<String, Object> settings = EnricherApp.settings(infra, amazon.baseUrl());
            settings.put("relay.enricher.amazon.request-timeout", "2s");
            settings.put("relay.enricher.drain-timeout", "1s");
            try (EnricherApp app = EnricherApp.start(settings);
                 OutputCollector outputs = new OutputCollector(infra);
                 Producer<String, Object> producer = KafkaTestClients.capturedProducer(infra)) {

                warmUp(producer, outputs);
                AmazonCheckoutCaptured stuck = TestCheckouts.order(TestCheckouts.token("slowtimeout"));
                List<AmazonCheckoutCaptured> checkouts = new ArrayList<>();
                for (int i = 0; i < CHECKOUTS; i++) {
                    checkouts.add(TestCheckouts.order(TestCheckouts.token("profile200ms-" + i)));
                }
                AmazonCheckoutCaptured slowOrder = TestCheckouts.order(TestCheckouts.token("profile1500ms"));
                AmazonCheckoutCaptured itsUpsell = TestCheckouts.upsell(slowOrder, TestCheckouts.token("upsell"));

                long started = System.nanoTime();
                RecordMetadata stuckAt = send(producer, stuck).get();
                for (int i = 0; i < CHECKOUTS; i++) {
                    send(producer, checkouts.get(i));
                    if (i == 10) {
                        send(producer, slowOrder);
                        send(producer, itsUpsell);
                    }
                }
                producer.flush();
                double producedAfter = (System.nanoTime() - started) / 1e9;

                Set<String> expected = checkouts.stream().map(AmazonCheckoutCaptured::getCheckoutId).collect(Collectors.toSet());
                Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(20))
                        .until(() -> enrichedIds(outputs).containsAll(expected));
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("CONCURRENCY: %d checkouts on one partition, 200 ms profile latency, max-in-flight %s: "
                        + "%.2f s (%.1f checkouts/s; one at a time needs >= 40 s); all produced after %.2f s%n", CHECKOUTS,
                        app.context().getEnvironment().getProperty("relay.enricher.max-in-flight"), seconds, CHECKOUTS / seconds,
                        producedAfter);
                assertThat(seconds).as("well under the 40 s of one at a time").isLessThan(20.0);

                List<Output> orderThenUpsell = outputs.await(slowOrder.getCheckoutId(), Topics.CHECKOUT_ENRICHED.name(),
                        o -> o.enriched().getBuyer() == null, Duration.ofSeconds(10)) != null
                        ? outputs.of(slowOrder.getCheckoutId(), Topics.CHECKOUT_ENRICHED.name()) : List.of();
                assertThat(orderThenUpsell).extracting(o -> o.enriched().getCaptured().getKind().name())
                        .containsExactly("ORDER", "UPSELL");

                assertThat(outputs.of(stuck.getCheckoutId())).as("the stuck checkout is still retrying")
                        .allSatisfy(o -> assertThat(o.status().getStatus()).isEqualTo(CheckoutStatus.RETRYING));
                assertThat(committed(infra, settings, stuckAt.partition()))
                        .as("nothing committed past the unfinished head of the partition")
                        .satisfiesAnyOf(c -> assertThat(c).isNull(), c -> assertThat(c.offset()).isLessThanOrEqualTo(stuckAt.offset()));
            }
        }
    }

    /** JIT, connections and schema caches warmed first, so the figure is the steady state, not a cold start. */
    private static void warmUp(Producer<String, Object> producer, OutputCollector outputs) {
        List<AmazonCheckoutCaptured> warmUp = new ArrayList<>();
        for (int i = 0; i < WARM_UP; i++) {
            warmUp.add(TestCheckouts.order(TestCheckouts.token("profile200ms-warmup-" + i)));
            send(producer, warmUp.get(i));
        }
        producer.flush();
        Set<String> ids = warmUp.stream().map(AmazonCheckoutCaptured::getCheckoutId).collect(Collectors.toSet());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> enrichedIds(outputs).containsAll(ids));
    }

    private static java.util.concurrent.Future<RecordMetadata> send(Producer<String, Object> producer,
            AmazonCheckoutCaptured captured) {
        return producer.send(new ProducerRecord<>(Topics.CHECKOUT_CAPTURED.name(), PARTITION, captured.getCheckoutId(), captured));
    }

    private static Set<String> enrichedIds(OutputCollector outputs) {
        return outputs.all().stream().filter(o -> o.topic().equals(Topics.CHECKOUT_ENRICHED.name()))
                .map(Output::checkoutId).collect(Collectors.toSet());
    }

    private static OffsetAndMetadata committed(Infrastructure infra, Map<String, Object> settings, int partition)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets((String) settings.get("relay.enricher.consumer-group"))
                    .partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(Topics.CHECKOUT_CAPTURED.name(), partition));
        }
    }
}
