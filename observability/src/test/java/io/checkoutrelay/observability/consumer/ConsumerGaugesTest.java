package io.checkoutrelay.observability.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ConsumerGaugesTest {

    private static final TopicPartition P0 = new TopicPartition("amazon.checkout.enriched.v1", 0);
    private static final TopicPartition P1 = new TopicPartition("amazon.checkout.enriched.v1", 1);

    @Test
    void lagIsEndMinusCommittedPerOwnedPartitionAndGoesAwayWithThePartition() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConsumerLag lag = new ConsumerLag(registry, "crm_importer.consumer.lag", Duration.ZERO);
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 10L, P1, 4L));
        consumer.seek(P0, 8); // fetched up to 8, finished and committed up to 7
        consumer.seek(P1, 4);

        lag.refresh(consumer, Map.of(P0, 7L, P1, 4L));
        assertThat(value(registry, "0")).isEqualTo(3);
        assertThat(value(registry, "1")).isZero();

        consumer.assign(List.of(P1));
        lag.refresh(consumer, Map.of(P1, 4L));
        assertThat(registry.find("crm_importer.consumer.lag").tag("partition", "0").gauge()).isNull();
        lag.clear();
        assertThat(registry.find("crm_importer.consumer.lag").gauges()).isEmpty();
    }

    @Test
    void oldestHeldCheckoutAgesUntilSettled() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        CheckoutsInWork held = new CheckoutsInWork(Clock.fixed(now, ZoneOffset.UTC));
        assertThat(held.oldestAgeSeconds()).isZero();
        CompletableFuture<Void> old = held.hold(now.minusSeconds(1800), new CompletableFuture<>());
        CompletableFuture<Void> young = held.hold(now.minusSeconds(5), new CompletableFuture<>());
        assertThat(held.oldestAgeSeconds()).isEqualTo(1800.0);
        old.complete(null);
        assertThat(held.oldestAgeSeconds()).isEqualTo(5.0);
        young.completeExceptionally(new IllegalStateException("given away"));
        assertThat(held.oldestAgeSeconds()).isZero();
    }

    private static double value(SimpleMeterRegistry registry, String partition) {
        return registry.get("crm_importer.consumer.lag").tag("partition", partition).gauge().value();
    }
}
