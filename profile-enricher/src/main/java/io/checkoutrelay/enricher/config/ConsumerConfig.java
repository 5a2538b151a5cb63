package io.checkoutrelay.enricher.config;

import io.checkoutrelay.enricher.checkout.RecordProcessor;
import io.checkoutrelay.enricher.flow.CapturedConsumerLoop;
import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.topic.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consumer loop over amazon.checkout.captured.v1 (group {@code relay.enricher.consumer-group}). */
@Configuration(proxyBeanMethods = false)
class ConsumerConfig {

    @Bean
    CapturedConsumerLoop capturedConsumerLoop(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
            EnricherProperties properties, RecordProcessor processor, ScheduledExecutorService enricherScheduler,
            EnricherMetrics metrics, CheckoutTracing tracing) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        configs.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup());
        configs.put(org.apache.kafka.clients.consumer.ConsumerConfig.CLIENT_ID_CONFIG, "profile-enricher-in");
        configs.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, properties.autoOffsetReset());
        configs.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Math.min(500, properties.maxInFlight()));
        configs.put(org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        configs.put(org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        CapturedConsumerLoop loop = new CapturedConsumerLoop(() -> new KafkaConsumer<>(configs),
                Topics.CHECKOUT_CAPTURED.name(), properties.maxInFlight(), properties.pollTimeout(),
                properties.drainTimeout(),
                record -> tracing.inRecordSpan(record, "enrich checkout", processor::process), enricherScheduler);
        metrics.inFlightGauge(loop::inFlight);
        loop.reportLagTo(metrics.consumerLag());
        return loop;
    }
}
