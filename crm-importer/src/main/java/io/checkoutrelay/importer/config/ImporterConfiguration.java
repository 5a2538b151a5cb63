package io.checkoutrelay.importer.config;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.checkoutrelay.importer.consumer.EnrichedConsumer;
import io.checkoutrelay.importer.crm.CheckoutChampClient;
import io.checkoutrelay.importer.crm.CrmResponseParser;
import io.checkoutrelay.importer.flow.FlowContext;
import io.checkoutrelay.importer.flow.Importer;
import io.checkoutrelay.importer.flow.Outputs;
import io.checkoutrelay.importer.flow.Settling;
import io.checkoutrelay.importer.ledger.Ledger;
import io.checkoutrelay.importer.metrics.ImporterMetrics;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import io.checkoutrelay.schemas.token.TokenCipher;
import io.checkoutrelay.schemas.token.TokenKeyRing;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Wires the CRM client, the ledger, the outputs and the input loop from the settings. */
@Configuration(proxyBeanMethods = false)
class ImporterConfiguration {

    static final String CRM = "checkoutchamp";

    @Bean(destroyMethod = "close")
    CheckoutChampClient checkoutChampClient(ImporterProperties properties, JsonMapper json,
            RateLimiterRegistry rateLimiters, CircuitBreakerRegistry circuitBreakers, ImporterMetrics metrics,
            CheckoutTracing tracing) {
        return new CheckoutChampClient(properties.checkoutchamp(), new CrmResponseParser(json),
                rateLimiters.rateLimiter(CRM), circuitBreakers.circuitBreaker(CRM), metrics, tracing);
    }

    @Bean(destroyMethod = "close")
    Producer<String, Object> avroProducer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
            ImporterProperties properties) {
        Map<String, Object> configs = RelaySerdes.producerConfigs(properties.registryUrl());
        durable(configs, bootstrap, "crm-importer-results");
        return new KafkaProducer<>(configs);
    }

    @Bean(destroyMethod = "close")
    Producer<String, String> ledgerProducer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        configs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        durable(configs, bootstrap, "crm-importer-ledger");
        return new KafkaProducer<>(configs);
    }

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> deadLetterProducer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        configs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        durable(configs, bootstrap, "crm-importer-dlt");
        return new KafkaProducer<>(configs);
    }

    @Bean
    Ledger ledger(ImporterProperties properties, Producer<String, String> ledgerProducer,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrap, JsonMapper json, CheckoutTracing tracing) {
        return new Ledger(properties.topics().ledger(), ledgerProducer, bootstrap, json, tracing);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService retryTimer() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "crm-importer-retry-timer"));
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService importWorkers() {
        return Executors.newFixedThreadPool(4, runnable -> daemon(runnable, "crm-importer-worker"));
    }

    @Bean
    EnrichedConsumer enrichedConsumer(ImporterProperties properties,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrap, CheckoutChampClient crm, Ledger ledger,
            Producer<String, Object> avroProducer, Producer<byte[], byte[]> deadLetterProducer,
            ImporterMetrics metrics, ScheduledExecutorService retryTimer, ExecutorService importWorkers,
            CheckoutTracing tracing) {
        TokenCipher cipher = new TokenCipher(TokenKeyRing.parse(properties.tokenKeys()));
        Map<String, Object> consumerConfigs = new HashMap<>();
        consumerConfigs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfigs.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumer().groupId());
        consumerConfigs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        consumerConfigs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerConfigs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfigs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfigs.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                (int) properties.consumer().sessionTimeout().toMillis());
        Outputs outputs = new Outputs(avroProducer, tracing);
        return EnrichedConsumer.create(properties.topics().input(), consumerConfigs,
                properties.consumer().maxInFlight(), properties.consumer().revokeWait(), avroDeserializer(properties),
                cipher, deadLetterProducer,
                lease -> new Importer(new FlowContext(crm, ledger, outputs, metrics, lease,
                        Settling.from(properties.retry())), properties.retry()),
                ledger, metrics, retryTimer, importWorkers, tracing);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Deserializer<Object> avroDeserializer(ImporterProperties properties) {
        Deserializer<Object> deserializer = (Deserializer) new AvroKafkaDeserializer<>();
        deserializer.configure(RelaySerdes.consumerConfigs(properties.registryUrl()), false);
        return deserializer;
    }

    private static void durable(Map<String, Object> configs, String bootstrap, String clientId) {
        configs.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        configs.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
