package io.checkoutrelay.importer.ledger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

import io.checkoutrelay.observability.trace.CheckoutTracing;

/**
 * The ledger: a compacted topic co-partitioned with the input (a checkout's ledger record goes to the
 * partition number its input record came from), held in memory for the partitions this instance
 * owns. A write counts only once the broker acknowledged it (acks=all): {@link #write} completes
 * after that, and only then does the in-memory view change.
 */
public class Ledger {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    private final String topic;
    private final Producer<String, String> producer;
    private final Map<String, Object> restoreConfigs;
    private final JsonMapper json;
    private final CheckoutTracing tracing;
    private final Map<Integer, Map<String, LedgerEntry>> partitions = new ConcurrentHashMap<>();

    public Ledger(String topic, Producer<String, String> producer, String bootstrapServers, JsonMapper json,
            CheckoutTracing tracing) {
        this.topic = topic;
        this.tracing = tracing;
        this.producer = producer;
        this.json = json;
        Map<String, Object> configs = new HashMap<>();
        configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        configs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.restoreConfigs = configs;
    }

    public String topic() {
        return topic;
    }

    public Optional<LedgerEntry> get(int partition, String checkoutId) {
        Map<String, LedgerEntry> entries = partitions.get(partition);
        return entries == null ? Optional.empty() : Optional.ofNullable(entries.get(checkoutId));
    }

    /** Writes durably; completes with the entry once acknowledged, then the view holds it. */
    public CompletableFuture<LedgerEntry> write(int partition, LedgerEntry entry) {
        CompletableFuture<LedgerEntry> written = new CompletableFuture<>();
        String value = json.writeValueAsString(entry);
        producer.send(new ProducerRecord<>(topic, partition, entry.checkoutId(), value), (metadata, error) -> {
            if (error != null) {
                written.completeExceptionally(error);
            } else {
                Map<String, LedgerEntry> entries = partitions.get(partition);
                if (entries != null) {
                    entries.put(entry.checkoutId(), entry);
                }
                written.complete(entry);
            }
        });
        return tracing.keep(written);
    }

    /** Reads the ledger partitions to their end; must finish before their input records are processed. */
    public void restore(Collection<Integer> partitionNumbers) {
        if (partitionNumbers.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<TopicPartition> assigned = partitionNumbers.stream().map(p -> new TopicPartition(topic, p)).toList();
        Map<Integer, Map<String, LedgerEntry>> restored = new HashMap<>();
        partitionNumbers.forEach(p -> restored.put(p, new ConcurrentHashMap<>()));
        int records = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(restoreConfigs)) {
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, LedgerEntry> entries = restored.get(record.partition());
                    if (record.value() == null) {
                        entries.remove(record.key());
                    } else {
                        entries.put(record.key(), json.readValue(record.value(), LedgerEntry.class));
                    }
                    records++;
                }
            }
        }
        partitions.putAll(restored);
        log.info("ledger restored for partitions {}: {} records in {} ms", partitionNumbers, records,
                (System.nanoTime() - started) / 1_000_000);
    }

    public void forget(Collection<Integer> partitionNumbers) {
        partitionNumbers.forEach(partitions::remove);
    }
}
