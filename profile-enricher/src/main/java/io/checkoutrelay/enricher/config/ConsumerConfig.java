package io.checkoutrelay.enricher.config;

import io.checkoutrelay.schemas.serde.RegistryAuth;

import io.checkoutrelay.enricher.checkout.RecordProcessor;
import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import io.checkoutrelay.keyed.KeyedConsumer;
import io.checkoutrelay.keyed.KeyedConsumerProperties;
import io.checkoutrelay.keyed.KeyedInput;
import io.checkoutrelay.keyed.Outbox;
import io.checkoutrelay.keyed.PartitionOwnership;
import io.checkoutrelay.observability.topics.TopicsReadiness;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.topic.Topics;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The enricher on the keyed-consumer engine: amazon.checkout.captured.v1 (group
 * {@code relay.enricher.consumer-group}), every client from {@code spring.kafka.*}, outputs committed
 * with the input offsets in one transaction, nothing taken on before the topics it writes exist (the
 * loop's readiness and liveness come from keyed-consumer's auto-configuration).
 */
@Configuration(proxyBeanMethods = false)
class ConsumerConfig {

    @Bean
    PartitionOwnership partitionOwnership(ScheduledExecutorService enricherScheduler, CheckoutTracing tracing) {
        return new PartitionOwnership(enricherScheduler, tracing::bind);
    }

    @Bean
    Outbox outbox() {
        return new Outbox();
    }

    @Bean
    KeyedConsumer capturedConsumer(KafkaProperties kafka, KeyedConsumerProperties engine,
            EnricherProperties properties, RegistryAuth registryAuth, RecordProcessor processor, PartitionOwnership ownership, Outbox outbox,
            EnricherMetrics metrics, CheckoutTracing tracing, TopicsReadiness topics) {
        KeyedConsumer consumer = KeyedConsumer.builder(kafka, new KeyedInput(Topics.CHECKOUT_CAPTURED.name(),
                        properties.consumerGroup(), "profile-enricher", properties.maxInFlight(),
                        properties.pollTimeout(), properties.drainTimeout()))
                .engine(engine)
                .consumerProperty(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        properties.autoOffsetReset())
                .values(KafkaConfig.outboxValues(properties, registryAuth))
                .ownership(ownership, outbox)
                .outputs(topics)
                .handler(record -> tracing.inRecordSpan(record, "enrich checkout", processor::process))
                .lag(metrics.consumerLag())
                .build();
        metrics.inFlightGauge(consumer::inFlight);
        return consumer;
    }
}
