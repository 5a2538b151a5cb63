package io.checkoutrelay.enricher.config;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.checkoutrelay.keyed.Outbox;
import io.checkoutrelay.enricher.checkout.CapturedDecoder;
import io.checkoutrelay.enricher.checkout.CheckoutEnricher;
import io.checkoutrelay.enricher.checkout.CheckoutRecords;
import io.checkoutrelay.keyed.DeadLetters;
import io.checkoutrelay.enricher.checkout.OutcomePublisher;
import io.checkoutrelay.enricher.checkout.RecordProcessor;
import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import io.checkoutrelay.observability.topics.TopicsReadiness;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.serde.RegistryAuth;
import io.checkoutrelay.schemas.serde.RegistryValues;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import io.checkoutrelay.schemas.topic.TopicSpec;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** The readiness of the topics this service writes, how its outbox serializes, and record processing. */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    /**
     * Not ready until the topics the enricher writes exist: they are provisioned (the topics command, the
     * chart's Job), never created here; the consumer loop takes no record until then.
     */
    @Bean("topics")
    TopicsReadiness topicsReadiness(KafkaProperties kafka, Clock clock) {
        return new TopicsReadiness(kafka.buildAdminProperties(), Topics.PROFILE_ENRICHER_OUTPUTS.stream()
                .map(TopicSpec::name).toList(), "profile-enricher", clock);
    }

    /**
     * How the outbox writes values: Avro records through the registry (Confluent wire format), the dead
     * letters' original bytes as they were.
     */
    static Serializer<Object> outboxValues(EnricherProperties properties, RegistryAuth registryAuth) {
        AvroKafkaSerializer<SpecificRecord> avro = new AvroKafkaSerializer<>();
        avro.configure(RelaySerdes.producerConfigs(registryUrl(properties), registryAuth), false);
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(SpecificRecord.class, avro);
        return new DelegatingByTypeSerializer(byType, true);
    }

    @Bean(destroyMethod = "close")
    CapturedDecoder capturedDecoder(EnricherProperties properties, RegistryAuth registryAuth) {
        return new CapturedDecoder(new RegistryValues(registryUrl(properties), registryAuth));
    }

    /** How the enricher authenticates to the registry: {@code registry.auth.*} ({@code REGISTRY_AUTH_*}), none by default. */
    @Bean
    RegistryAuth registryAuth(Environment environment) {
        return Binder.get(environment).bindOrCreate("registry.auth", RegistryAuth.class);
    }

    @Bean
    RecordProcessor recordProcessor(CapturedDecoder decoder, CheckoutEnricher enricher, Outbox outbox,
            EnricherProperties properties, EnricherMetrics metrics, Clock clock, CheckoutTracing tracing) {
        return new RecordProcessor(decoder, enricher, new OutcomePublisher(outbox, metrics, clock, tracing),
                new DeadLetters(outbox, properties.consumerGroup(), CheckoutRecords.CHANGED_BY, clock, tracing), tracing,
                metrics);
    }

    static String registryUrl(EnricherProperties properties) {
        return RequiredSetting.require(properties.schemaRegistryUrl(), "SCHEMA_REGISTRY_URL", "the Apicurio registry API base");
    }
}
