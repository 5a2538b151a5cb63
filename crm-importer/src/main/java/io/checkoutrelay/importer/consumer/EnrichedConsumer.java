package io.checkoutrelay.importer.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.checkoutrelay.importer.flow.Importer;
import io.checkoutrelay.importer.flow.PartitionLease;
import io.checkoutrelay.importer.ledger.Ledger;
import io.checkoutrelay.observability.consumer.ConsumerLag;
import io.checkoutrelay.importer.metrics.ImporterMetrics;
import io.checkoutrelay.observability.trace.CheckoutTracing;

/**
 * The input loop, owned by one thread: records of different checkouts run concurrently, records of
 * one checkout one after the other (a chain of futures per key), at most {@code maxInFlight} at once
 * (partitions are paused beyond that). Offsets are committed only up to the first record whose
 * results are not yet durable. The ledger of a partition is restored before its records run.
 */
public class EnrichedConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EnrichedConsumer.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(2);

    private final String topic;
    private final Map<String, Object> consumerConfigs;
    private final int maxInFlight;
    private final int maxPollRecords;
    private final Duration revokeWait;
    private final RecordDecoder decoder;
    private final DeadLetters deadLetters;
    private final Importer importer;
    private final Ledger ledger;
    private final Ownership ownership;
    private final ImporterMetrics metrics;
    private final ExecutorService workers;
    private final CheckoutTracing tracing;
    private final Map<TopicPartition, PartitionOffsets> offsets = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    EnrichedConsumer(String topic, Map<String, Object> consumerConfigs, int maxInFlight, Duration revokeWait,
            RecordDecoder decoder, DeadLetters deadLetters, Importer importer, Ledger ledger, Ownership ownership,
            ImporterMetrics metrics, ExecutorService workers, CheckoutTracing tracing) {
        this.topic = topic;
        this.maxInFlight = maxInFlight;
        this.maxPollRecords = Math.max(1, Math.min(500, maxInFlight / 4));
        this.consumerConfigs = new HashMap<>(consumerConfigs);
        this.consumerConfigs.put("max.poll.records", maxPollRecords);
        this.revokeWait = revokeWait;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.importer = importer;
        this.ledger = ledger;
        this.ownership = ownership;
        this.metrics = metrics;
        this.workers = workers;
        this.tracing = tracing;
    }

    /** Wires the pieces; the timer serves the retry waits of every job. */
    public static EnrichedConsumer create(String topic, Map<String, Object> consumerConfigs, int maxInFlight,
            Duration revokeWait, org.apache.kafka.common.serialization.Deserializer<Object> avro,
            io.checkoutrelay.schemas.token.TokenCipher cipher,
            org.apache.kafka.clients.producer.Producer<byte[], byte[]> deadLetterProducer,
            java.util.function.Function<PartitionLease, Importer> importer, Ledger ledger, ImporterMetrics metrics,
            ScheduledExecutorService timer, ExecutorService workers, CheckoutTracing tracing) {
        Ownership ownership = new Ownership(timer, tracing);
        return new EnrichedConsumer(topic, consumerConfigs, maxInFlight, revokeWait, new RecordDecoder(avro, cipher),
                new DeadLetters(deadLetterProducer, tracing), importer.apply(ownership), ledger, ownership, metrics,
                workers, tracing);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "crm-importer-consumer");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(revokeWait.toMillis() + 5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** True while the input loop runs; false once it stopped on an error (health then says DOWN). */
    public boolean isConsuming() {
        return thread != null && thread.isAlive();
    }

    private void loop() {
        ConsumerLag lag = metrics.consumerLag();
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfigs)) {
            consumer = kafka;
            int inputPartitions = kafka.partitionsFor(topic).size();
            int ledgerPartitions = kafka.partitionsFor(ledger.topic()).size();
            if (inputPartitions != ledgerPartitions) {
                log.error("the ledger {} has {} partitions but the input {} has {}: they must be co-partitioned "
                        + "(set crm-importer.topics.partitions); not consuming", ledger.topic(), ledgerPartitions,
                        topic, inputPartitions);
                return;
            }
            kafka.subscribe(List.of(topic), new Rebalance(kafka));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(100))) {
                    dispatch(record);
                }
                flowControl(kafka);
                commit(kafka, offsets.keySet(), false);
                lag.refresh(kafka);
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            log.error("consumer loop failed", e);
        } finally {
            consumer = null;
            lag.clear();
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionOffsets tracked = offsets.get(partition);
        if (tracked == null) {
            return;
        }
        tracked.started(record.offset());
        metrics.recordsInFlight().incrementAndGet();
        String key = record.key() != null ? record.key() : partition + "@" + record.offset();
        CompletableFuture<Void> previous = tails.getOrDefault(key, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = previous.handle((v, e) -> null)
                .thenComposeAsync(v -> processWithRetry(record), workers);
        tails.put(key, next);
        next.whenComplete((v, error) -> {
            tails.remove(key, next);
            metrics.recordsInFlight().decrementAndGet();
            if (error == null) {
                tracked.finished(record.offset());
            } else {
                tracked.abandoned(record.offset());
            }
        });
    }

    /** An unexpected failure (broker unreachable, ...) is retried; the ledger makes that safe. */
    private CompletableFuture<Void> processWithRetry(ConsumerRecord<String, byte[]> record) {
        // each attempt a span in the record's trace, with the checkoutId and traceId in every log line
        return tracing.inRecordSpan(record, "import order", this::process).exceptionallyCompose(error -> {
            Throwable cause = unwrap(error);
            if (cause instanceof PartitionLease.Abandoned) {
                return CompletableFuture.failedFuture(cause);
            }
            log.error("record {}-{}@{} (key {}) failed, retrying in {}: {}", record.topic(), record.partition(),
                    record.offset(), record.key(), RETRY_AFTER_FAILURE, cause.toString());
            return ownership.after(record.partition(), RETRY_AFTER_FAILURE)
                    .thenCompose(v -> processWithRetry(record));
        });
    }

    private CompletableFuture<Void> process(ConsumerRecord<String, byte[]> record) {
        try {
            ownership.requireOwned(record.partition());
            return importer.importRecord(decoder.decode(record));
        } catch (RecordDecoder.PoisonRecord poison) {
            log.warn("record {}-{}@{} (key {}) sent to the dead-letter topic: {}", record.topic(), record.partition(),
                    record.offset(), record.key(), poison.getMessage());
            return deadLetters.send(record, poison);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void flowControl(KafkaConsumer<String, byte[]> kafka) {
        boolean full = metrics.recordsInFlight().get() + maxPollRecords > maxInFlight;
        if (full && kafka.paused().size() < kafka.assignment().size()) {
            kafka.pause(kafka.assignment());
        } else if (!full && !kafka.paused().isEmpty()) {
            kafka.resume(kafka.paused());
        }
    }

    private void commit(KafkaConsumer<String, byte[]> kafka, Collection<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionOffsets tracked = offsets.get(partition);
            long next = tracked == null ? -1 : tracked.committable();
            if (next >= 0) {
                commits.put(partition, new OffsetAndMetadata(next));
                tracked.committed(next);
            }
        }
        if (commits.isEmpty()) {
            return;
        }
        if (sync) {
            kafka.commitSync(commits);
        } else {
            kafka.commitAsync(commits, (done, error) -> {
                if (error != null) {
                    log.warn("offset commit failed (will be committed again later): {}", error.toString());
                }
            });
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Restores the ledger before a partition's records run; drains and commits before giving one away. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> kafka;

        Rebalance(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
            ledger.restore(numbers);
            for (TopicPartition partition : partitions) {
                offsets.put(partition, new PartitionOffsets());
                ownership.own(partition.partition());
            }
            log.info("assigned {}", partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> ownership.release(partition.partition()));
            long deadline = System.nanoTime() + revokeWait.toNanos();
            while (System.nanoTime() < deadline && partitions.stream()
                    .map(offsets::get).anyMatch(tracked -> tracked != null && !tracked.idle())) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            try {
                commit(kafka, partitions, true);
            } catch (RuntimeException e) {
                log.warn("final commit of {} failed: {}", partitions, e.toString());
            }
            forget(partitions);
            log.info("revoked {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> ownership.release(partition.partition()));
            forget(partitions);
            log.info("lost {}", partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            partitions.forEach(offsets::remove);
            ledger.forget(partitions.stream().map(TopicPartition::partition).toList());
        }
    }
}
