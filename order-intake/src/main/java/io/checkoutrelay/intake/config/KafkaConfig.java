package io.checkoutrelay.intake.config;

import io.checkoutrelay.observability.topics.TopicsReadiness;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.serde.RegistryAuth;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import io.checkoutrelay.schemas.topic.TopicSpec;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.LoggingProducerListener;

/**
 * The producer every accepted checkout goes through (idempotent, acks=all, bounded blocking and
 * delivery time), from Spring Boot's {@code spring.kafka.*} settings, and the readiness of the topics
 * the intake writes.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

    /** The producer gives up this long before the request stops waiting, so its verdict decides. */
    private static final long DELIVERY_MARGIN_MS = 500;

    @Bean
    ProducerFactory<String, SpecificRecord> relayProducerFactory(KafkaProperties kafka, IntakeProperties intake,
                                                                 @Value("${relay.registry-url}") String registryUrl,
                                                                 RegistryAuth registryAuth) {
        Map<String, Object> configs = kafka.buildProducerProperties();
        configs.putAll(RelaySerdes.producerConfigs(registryUrl, registryAuth));
        long deliveryMs = Math.max(1000, intake.publish().timeout().toMillis() - DELIVERY_MARGIN_MS);
        long lingerMs = intake.publish().linger().toMillis();
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.LINGER_MS_CONFIG, (int) lingerMs);
        configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryMs);
        configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (deliveryMs - lingerMs));
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, intake.publish().maxBlock().toMillis());
        return new DefaultKafkaProducerFactory<>(configs);
    }

    @Bean
    KafkaTemplate<String, SpecificRecord> relayTemplate(ProducerFactory<String, SpecificRecord> factory,
                                                        CheckoutTracing tracing) {
        KafkaTemplate<String, SpecificRecord> template = new KafkaTemplate<>(factory);
        // the default listener logs a failed record whole, and captured records hold an encrypted token
        LoggingProducerListener<String, SpecificRecord> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        template.setProducerListener(listener);
        // every record carries the trace of the request that submitted the checkout (traceparent)
        template.setProducerInterceptor(tracing.headerInjector());
        return template;
    }

    /** Not ready until the topics the intake writes exist: they are provisioned, never created here. */
    @Bean("topics")
    TopicsReadiness topicsReadiness(KafkaProperties kafka) {
        return new TopicsReadiness(kafka.buildAdminProperties(), Topics.ORDER_INTAKE_OUTPUTS.stream()
                .map(TopicSpec::name).toList(), "order-intake", Clock.systemUTC());
    }
}
