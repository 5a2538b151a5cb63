package io.checkoutrelay.importer.config;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.checkoutrelay.importer.consumer.EnrichedRecords;
import io.checkoutrelay.importer.consumer.LedgerPartitions;
import io.checkoutrelay.importer.consumer.RecordDecoder;
import io.checkoutrelay.importer.crm.CheckoutChampClient;
import io.checkoutrelay.importer.crm.CrmResponseParser;
import io.checkoutrelay.importer.flow.FlowContext;
import io.checkoutrelay.importer.flow.Importer;
import io.checkoutrelay.importer.flow.Outputs;
import io.checkoutrelay.importer.flow.ResultRecords;
import io.checkoutrelay.importer.flow.Settling;
import io.checkoutrelay.importer.ledger.Ledger;
import io.checkoutrelay.importer.ledger.LedgerView;
import io.checkoutrelay.importer.metrics.ImporterMetrics;
import io.checkoutrelay.keyed.DeadLetters;
import io.checkoutrelay.keyed.KafkaClients;
import io.checkoutrelay.keyed.KeyedConsumer;
import io.checkoutrelay.keyed.KeyedConsumerProperties;
import io.checkoutrelay.keyed.KeyedInput;
import io.checkoutrelay.keyed.Outbox;
import io.checkoutrelay.keyed.PartitionOwnership;
import io.checkoutrelay.observability.topics.TopicsReadiness;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.serde.RegistryAuth;
import io.checkoutrelay.schemas.serde.RegistryValues;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import io.checkoutrelay.schemas.token.TokenCipher;
import io.checkoutrelay.schemas.token.TokenKeyRing;
import io.checkoutrelay.schemas.topic.TopicSpec;
import io.checkoutrelay.schemas.topic.Topics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the CRM client, the ledger, the outputs and the input on the keyed-consumer engine from the
 * settings; every Kafka client comes from {@code spring.kafka.*}. The loop's readiness and liveness come
 * from keyed-consumer's auto-configuration; the topics are provisioned, never created here.
 */
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

    @Bean
    Outbox outbox() {
        return new Outbox();
    }

    @Bean
    PartitionOwnership partitionOwnership(ScheduledExecutorService retryTimer, CheckoutTracing tracing) {
        return new PartitionOwnership(retryTimer, tracing::bind);
    }

    /** The ledger restores from read_committed consumers built from {@code spring.kafka.*}, and writes through the outbox. */
    @Bean
    Ledger ledger(ImporterProperties properties, KafkaProperties kafka, Outbox outbox, JsonMapper json,
            CheckoutTracing tracing) {
        return new Ledger(properties.topics().ledger(), outbox,
                KafkaClients.readCommitted(kafka, new StringDeserializer(), new StringDeserializer()), json, tracing,
                new LedgerView(Topics.IMPORTER_LEDGER.retention(), properties.ledger().maxEntries(), Clock.systemUTC()));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService retryTimer() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "crm-importer-retry-timer"));
    }

    @Bean
    KeyedConsumer enrichedConsumer(ImporterProperties properties, KafkaProperties kafka,
            KeyedConsumerProperties engine, CheckoutChampClient crm, Ledger ledger, Outbox outbox,
            PartitionOwnership ownership, ImporterMetrics metrics, CheckoutTracing tracing, Environment environment,
            TopicsReadiness topics) {
        ImporterProperties.Consumer consumer = properties.consumer();
        RegistryAuth registryAuth = Binder.get(environment).bindOrCreate("registry.auth", RegistryAuth.class);
        FlowContext flow = new FlowContext(crm, ledger, new Outputs(outbox, ledger, tracing), metrics, ownership,
                Settling.from(properties.retry()));
        EnrichedRecords records = new EnrichedRecords(
                new RecordDecoder(new RegistryValues(properties.registryUrl(), registryAuth),
                        new TokenCipher(TokenKeyRing.parse(properties.tokenKeys()))),
                new DeadLetters(outbox, consumer.groupId(), ResultRecords.CHANGED_BY, Clock.systemUTC(), tracing),
                new Importer(flow, properties.retry()), ownership, tracing);
        KeyedConsumer keyed = KeyedConsumer.builder(kafka, new KeyedInput(properties.topics().input(),
                        consumer.groupId(), "crm-importer", consumer.maxInFlight(), Duration.ofMillis(100),
                        consumer.revokeWait()))
                .engine(engine)
                .consumerProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) consumer.sessionTimeout().toMillis())
                .values(outboxValues(properties, registryAuth))
                .ownership(ownership, outbox)
                .outputs(topics)
                .handler(records)
                .listener(new LedgerPartitions(ledger, properties.topics().input()))
                .lag(metrics.consumerLag())
                .build();
        metrics.recordsInFlight(keyed::inFlight);
        metrics.ledgerEntries(ledger::size);
        return keyed;
    }

    /**
     * Not ready until the topics the importer writes exist (its ledger and dead letters under their
     * configured names): they are provisioned (the topics command, the chart's Job), never created here;
     * the input loop takes no record, and so calls no CRM, until then.
     */
    @Bean("topics")
    TopicsReadiness topicsReadiness(ImporterProperties properties, KafkaProperties kafka) {
        return new TopicsReadiness(kafka.buildAdminProperties(), properties.topics().outputs().stream()
                .map(TopicSpec::name).toList(), "crm-importer", Clock.systemUTC());
    }

    /** Results and statuses as Avro through the registry, ledger entries as JSON text, dead letters as they came. */
    private static Serializer<Object> outboxValues(ImporterProperties properties, RegistryAuth registryAuth) {
        AvroKafkaSerializer<SpecificRecord> avro = new AvroKafkaSerializer<>();
        avro.configure(RelaySerdes.producerConfigs(properties.registryUrl(), registryAuth), false);
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(String.class, new StringSerializer());
        byType.put(SpecificRecord.class, avro);
        return new DelegatingByTypeSerializer(byType, true);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
