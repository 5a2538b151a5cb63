package io.checkoutrelay.importer.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

import io.checkoutrelay.keyed.Outbox;
import io.checkoutrelay.observability.trace.CheckoutTracing;

/**
 * The ledger: a compacted topic co-partitioned with the input (a checkout's ledger record goes to the
 * partition number its input record came from), held in memory for the partitions this instance
 * owns. Writes go through the keyed consumer's outbox: a write counts only once its Kafka transaction
 * (fenced by this instance's consumer generation) is committed; {@link #write} completes after that, and
 * only then does the in-memory view change. A restore reads only committed transactions.
 *
 * <p>The view is bounded by time and size ({@link LedgerView}): an entry unchanged for the horizon (the
 * topic's retention, which deletes it there too) is forgotten, and beyond its maximum the settled entries
 * unchanged longest are. A record of a checkout captured before what the view may have forgotten that the
 * view does not hold may be one whose entry was forgotten: {@link #mayHaveForgotten}.
 */
public class Ledger {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
    private static final Duration OPEN_TRANSACTION_WAIT = Duration.ofSeconds(30);

    private final String topic;
    private final Outbox outbox;
    private final ConsumerFactory<String, String> restoreConsumers;
    private final JsonMapper json;
    private final CheckoutTracing tracing;
    private final LedgerView view;

    /**
     * @param restoreConsumers read_committed consumers from {@code spring.kafka.*}
     * @param view             the in-memory entries, bounded by the topic's retention
     */
    public Ledger(String topic, Outbox outbox, ConsumerFactory<String, String> restoreConsumers, JsonMapper json,
            CheckoutTracing tracing, LedgerView view) {
        this.topic = topic;
        this.view = view;
        this.outbox = outbox;
        this.restoreConsumers = restoreConsumers;
        this.json = json;
        this.tracing = tracing;
    }

    public String topic() {
        return topic;
    }

    public Optional<LedgerEntry> get(int partition, String checkoutId) {
        return view.get(partition, checkoutId);
    }

    /**
     * True when a checkout the view does not hold may still have had an entry, now forgotten: its record
     * was captured before the horizon, or before the latest change among the entries forgotten for size
     * ({@link LedgerView#forgetsBefore}). (Any entry a record led to was written after its capture, so for a
     * record captured within the horizon, no entry means none was ever written for it.)
     */
    public boolean mayHaveForgotten(Instant capturedAt) {
        return capturedAt.isBefore(view.forgetsBefore());
    }

    public Duration horizon() {
        return view.horizon();
    }

    /** Entries held in memory, over the owned partitions. */
    public int size() {
        return view.size();
    }

    /**
     * Writes a state that must be durable before the next step (LEAD, SUBMITTING before Import Order):
     * committed in a transaction fenced by the consumer group, so an instance that lost the partition
     * fails here, before its CRM call. Completes with the entry once committed; then the view holds it.
     */
    public CompletableFuture<LedgerEntry> write(int partition, LedgerEntry entry) {
        return tracing.keep(outbox.write(partition, List.of(record(partition, entry)))).thenApply(committed -> {
            remember(partition, entry);
            return entry;
        });
    }

    /** The ledger record of {@code entry}, to be written with other outputs in one transaction. */
    public ProducerRecord<String, Object> record(int partition, LedgerEntry entry) {
        return new ProducerRecord<>(topic, partition, entry.checkoutId(), json.writeValueAsString(entry));
    }

    /** After a transaction holding {@link #record} was committed: the view holds the entry. */
    public void remember(int partition, LedgerEntry entry) {
        view.remember(partition, entry);
    }

    /** Refuses to go on when the ledger is not co-partitioned with {@code input} (a checkout's entry would be lost). */
    public void requireCoPartitioned(String input) {
        try (Consumer<String, String> consumer = restoreConsumers.createConsumer()) {
            int inputPartitions = consumer.partitionsFor(input).size();
            int ledgerPartitions = consumer.partitionsFor(topic).size();
            if (inputPartitions != ledgerPartitions) {
                throw new IllegalStateException("the ledger " + topic + " has " + ledgerPartitions
                        + " partitions but the input " + input + " has " + inputPartitions
                        + ": they must be co-partitioned (the topics command gives every topic one partition count, topics.partitions)");
            }
        }
    }

    /** Reads the ledger partitions to their end; must finish before their input records are processed. */
    public void restore(Collection<Integer> partitionNumbers) {
        if (partitionNumbers.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<TopicPartition> assigned = partitionNumbers.stream().map(p -> new TopicPartition(topic, p)).toList();
        LedgerView.Restore restored = view.restoring(partitionNumbers);
        int records = 0;
        try (Consumer<String, String> consumer = restoreConsumers.createConsumer()) {
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = settledEnd(consumer, assigned);
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    restored.apply(record.partition(), record.key(),
                            record.value() == null ? null : json.readValue(record.value(), LedgerEntry.class));
                    records++;
                }
            }
        }
        restored.install();
        log.info("ledger restored for partitions {}: {} records in {} ms, {} entries held, {} older than the "
                + "horizon of {} not held", partitionNumbers, records, (System.nanoTime() - started) / 1_000_000,
                restored.size(), restored.expired(), view.horizon());
    }

    /**
     * The end to restore to, once no transaction is open on the partitions: a previous owner's last
     * transaction (it crashed or was fenced while committing) is either committed or aborted by the broker
     * within its transaction timeout. Reading only to the last stable offset before that would miss an
     * outcome being committed, and the checkout would be settled (and published) a second time.
     */
    private Map<TopicPartition, Long> settledEnd(Consumer<String, String> committed, List<TopicPartition> partitions) {
        Properties uncommitted = new Properties();
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        long deadline = System.nanoTime() + OPEN_TRANSACTION_WAIT.toNanos();
        try (Consumer<String, String> all = restoreConsumers.createConsumer(null, null, "-probe", uncommitted)) {
            while (true) {
                Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
                Map<TopicPartition, Long> written = all.endOffsets(partitions);
                if (stable.equals(written)) {
                    return stable;
                }
                if (System.nanoTime() > deadline) {
                    log.warn("ledger partitions {} still have an open transaction after {}; restoring what is "
                            + "committed", partitions, OPEN_TRANSACTION_WAIT);
                    return stable;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return stable;
                }
            }
        }
    }

    public void forget(Collection<Integer> partitionNumbers) {
        view.forget(partitionNumbers);
    }
}
