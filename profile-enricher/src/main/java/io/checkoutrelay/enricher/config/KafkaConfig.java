package io.checkoutrelay.enricher.config;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.checkoutrelay.enricher.checkout.CapturedDecoder;
import io.checkoutrelay.enricher.checkout.CheckoutEnricher;
import io.checkoutrelay.enricher.checkout.DeadLetters;
import io.checkoutrelay.enricher.checkout.OutcomePublisher;
import io.checkoutrelay.enricher.checkout.RecordProcessor;
import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import io.checkoutrelay.schemas.topic.TopicSpec;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.LoggingProducerListener;

/** Producers (Avro outputs, raw dead letters), the topics this service writes, and record processing. */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    @Bean
    KafkaAdmin.NewTopics enricherTopics(EnricherProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.CHECKOUT_ENRICHED, properties.partitions()),
                topic(Topics.ORDER_DECLINED, properties.partitions()),
                topic(Topics.CHECKOUT_STATUS, properties.partitions()),
                topic(Topics.CHECKOUT_CAPTURED.deadLetter(), properties.partitions()));
    }

    static NewTopic topic(TopicSpec spec, int partitions) {
        return new NewTopic(spec.name(), Optional.of(partitions), Optional.empty()).configs(spec.configs());
    }

    @Bean
    KafkaTemplate<String, SpecificRecord> avroTemplate(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
            EnricherProperties properties, CheckoutTracing tracing) {
        Map<String, Object> configs = new HashMap<>(RelaySerdes.producerConfigs(registryUrl(properties)));
        configs.putAll(durable(bootstrap, "profile-enricher-out"));
        return traced(withoutContentLogging(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(configs))), tracing);
    }

    @Bean
    KafkaTemplate<String, byte[]> deadLetterTemplate(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
            CheckoutTracing tracing) {
        Map<String, Object> configs = durable(bootstrap, "profile-enricher-dlt");
        configs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        configs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return traced(withoutContentLogging(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(configs))), tracing);
    }

    @Bean(destroyMethod = "close")
    CapturedDecoder capturedDecoder(EnricherProperties properties) {
        return new CapturedDecoder(new AvroKafkaDeserializer<>(), RelaySerdes.consumerConfigs(registryUrl(properties)));
    }

    @Bean
    RecordProcessor recordProcessor(CapturedDecoder decoder, CheckoutEnricher enricher,
            KafkaTemplate<String, SpecificRecord> avroTemplate, KafkaTemplate<String, byte[]> deadLetterTemplate,
            EnricherProperties properties, EnricherMetrics metrics, Clock clock, CheckoutTracing tracing) {
        return new RecordProcessor(decoder, enricher, new OutcomePublisher(avroTemplate, metrics, clock),
                new DeadLetters(deadLetterTemplate, properties.consumerGroup(), metrics), tracing, metrics.inWork());
    }

    /**
     * spring-kafka logs a failed send with the record's key and value by default; our values hold the
     * encrypted token (and the dead letters the raw captured record), so failures are logged without them.
     */
    static <V> KafkaTemplate<String, V> withoutContentLogging(KafkaTemplate<String, V> template) {
        LoggingProducerListener<String, V> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        template.setProducerListener(listener);
        return template;
    }

    /** Every record sent carries the trace of the checkout it is about ({@code traceparent}). */
    static <V> KafkaTemplate<String, V> traced(KafkaTemplate<String, V> template, CheckoutTracing tracing) {
        template.setProducerInterceptor(tracing.headerInjector());
        return template;
    }

    static String registryUrl(EnricherProperties properties) {
        return RequiredSetting.require(properties.schemaRegistryUrl(), "SCHEMA_REGISTRY_URL", "the Apicurio registry API base");
    }

    /** acks=all and idempotence: an acknowledged output survives a broker failover, a resend is not duplicated. */
    private static Map<String, Object> durable(String bootstrap, String clientId) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        configs.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return configs;
    }
}
