package io.checkoutrelay.keyed;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Kafka clients built from Spring Boot's {@code spring.kafka.*} properties, so every setting there
 * (bootstrap servers, SASL_SSL, truststores, client properties) applies to every client; the engine adds
 * only what its guarantees need.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /**
     * A consumer factory for any consumer of the pipeline: {@code read_committed} (it sees only committed
     * transactions), no auto-commit.
     */
    public static <K, V> DefaultKafkaConsumerFactory<K, V> readCommitted(KafkaProperties kafka,
            Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> configs = new HashMap<>(kafka.buildConsumerProperties());
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new DefaultKafkaConsumerFactory<>(configs, keys, values);
    }

    /** The keyed consumer's input consumer: its group, cooperative-sticky assignment, polls no larger than the bound. */
    static DefaultKafkaConsumerFactory<String, byte[]> input(KafkaProperties kafka, KeyedInput input,
            Map<String, Object> extra) {
        Map<String, Object> configs = new HashMap<>(kafka.buildConsumerProperties());
        configs.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.putAll(extra);
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, input.groupId());
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, input.clientId());
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        configs.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, input.maxInFlight()));
        return new DefaultKafkaConsumerFactory<>(configs, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The transactional producer of the outbox: acks=all, idempotent, one transactional id per instance. */
    static DefaultKafkaProducerFactory<String, Object> outbox(KafkaProperties kafka, KeyedInput input,
            KeyedConsumerProperties engine, Serializer<Object> values) {
        Map<String, Object> configs = new HashMap<>(kafka.buildProducerProperties());
        configs.put(ProducerConfig.CLIENT_ID_CONFIG, input.clientId() + "-out");
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        // A transaction begun right after the last one's commit finds the coordinator still writing that one's
        // markers (CONCURRENT_TRANSACTIONS) and is retried after this backoff; the client's 100 ms default put
        // 100 ms and more into a tenth of all writes (bench scenario 3, issue 14). Retries stay exponential
        // (retry.backoff.max.ms) and bounded by delivery.timeout.ms; nothing else about the transaction changes.
        configs.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        configs.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) engine.transactionTimeout().toMillis());
        configs.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(configs,
                new StringSerializer(), values, false);
        factory.setTransactionIdPrefix(transactionalId(input, engine) + "-");
        return factory;
    }

    /** {@code keyed-consumer.transactional-id}, else {@code <client id>-<host name>-<random>}: unique per process. */
    static String transactionalId(KeyedInput input, KeyedConsumerProperties engine) {
        if (engine.transactionalId() != null && !engine.transactionalId().isBlank()) {
            return engine.transactionalId();
        }
        return input.clientId() + "-" + hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
