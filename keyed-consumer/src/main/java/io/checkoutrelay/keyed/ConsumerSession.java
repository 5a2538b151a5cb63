package io.checkoutrelay.keyed;

import io.checkoutrelay.schemas.serde.RegistryValues;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the loop: one consumer and one transactional producer, used from the loop thread only.
 * It waits for the topics it writes and its input topic, subscribes, hands records to work (one key
 * after the other, at most max-in-flight at once), commits outputs and offsets in transactions, and
 * finishes the work of partitions before it gives them away. Any exception ends the session;
 * {@link KeyedConsumer} then starts a new one.
 */
final class ConsumerSession implements ConsumerRebalanceListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerSession.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /** A record waiting for the registry is tried again at least this often: it is back, it is read at once. */
    private static final Duration MAX_REGISTRY_WAIT = Duration.ofSeconds(5);

    private final KeyedConsumer loop;
    private final Consumer<String, byte[]> consumer;
    private Producer<String, Object> producer;
    private final KeySequencer sequencer;
    private final Map<TopicPartition, PartitionOffsets> offsets = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
    private final ArrayDeque<ConsumerRecord<String, byte[]>> held = new ArrayDeque<>();
    private volatile boolean closed;

    ConsumerSession(KeyedConsumer loop) {
        this.loop = loop;
        this.sequencer = new KeySequencer(loop.workers());
        this.consumer = loop.consumerFactory().createConsumer();
        try {
            this.producer = loop.producerFactory().createProducer();
        } catch (RuntimeException e) {
            consumer.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    /** Consumes until the loop is stopped; then gives every partition away as in a rebalance. */
    void run() {
        if (!awaitTopics()) {
            return;
        }
        consumer.subscribe(List.of(loop.input().topic()), this);
        while (loop.isRunning()) {
            dispatchHeld();
            flowControl();
            boolean busy = loop.inFlight() > 0 || loop.outbox().hasPending() || !held.isEmpty();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(busy ? loop.engine().groupCommit()
                    : loop.input().pollTimeout())) {
                PartitionOffsets partition = offsets.get(partitionOf(record));
                if (partition != null) {
                    partition.track(record.offset());
                    if (partition.finishedEarlier(record.offset())) {
                        partition.done(record.offset()); // its outputs were committed by an earlier owner
                    } else {
                        held.add(record);
                    }
                }
            }
            dispatchHeld();
            commit();
            loop.consuming();
            if (loop.lag() != null) {
                loop.lag().refresh(consumer, lastCommitted); // no broker call: see ConsumerLag
            }
        }
        revoke(Set.copyOf(offsets.keySet()), "stopping");
    }

    /**
     * Waits until the topics this consumer writes exist (their readiness logs which are missing and how
     * to create them) and then its input (Kafka 4 gives no partitions for a topic that does not exist),
     * saying so now and then: no record is taken on before a result could be written.
     */
    private boolean awaitTopics() {
        String topic = loop.input().topic();
        long nextLog = System.nanoTime();
        boolean waited = false;
        while (loop.isRunning()) {
            boolean outputs = loop.outputsExist();
            if (outputs && inputExists(topic)) {
                if (waited) {
                    log.info("input topic {} and the topics {} writes exist now: consuming", topic,
                            loop.input().clientId());
                }
                return true;
            }
            loop.waitingForTopic();
            if (System.nanoTime() >= nextLog) {
                if (outputs) {
                    log.warn("waiting for input topic {} to exist (or the brokers to answer): not consuming, "
                            + "readiness DOWN until it does", topic);
                } else {
                    log.warn("waiting for the topics {} writes to exist (readiness component 'topics' names them):"
                            + " not consuming {}, readiness DOWN until they do", loop.input().clientId(), topic);
                }
                nextLog = System.nanoTime() + loop.engine().topicWaitLog().toNanos();
            }
            waited = true;
            loop.pause(Duration.ofSeconds(1));
        }
        return false;
    }

    private boolean inputExists(String topic) {
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            return partitions != null && !partitions.isEmpty();
        } catch (org.apache.kafka.common.errors.TimeoutException
                 | org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
            return false;
        }
    }

    private void dispatchHeld() {
        while (!held.isEmpty() && loop.inFlight() < loop.input().maxInFlight()) {
            ConsumerRecord<String, byte[]> record = held.poll();
            PartitionOffsets partition = offsets.get(partitionOf(record));
            if (partition == null) {
                continue;
            }
            partition.started();
            loop.started();
            String key = record.key() != null ? record.key() : "\u0000" + record.partition() + "@" + record.offset();
            long ownership = loop.ownership().ownership(record.partition());
            sequencer.submit(key, () -> loop.ownership().run(record.partition(), ownership,
                    () -> attempt(record, partition, FIRST_RETRY), loop.workers())).whenComplete((ok, failure) -> {
                if (failure == null) {
                    partition.done(record.offset());
                }
                loop.registryWait().ended(record);
                partition.ended();
                loop.ended();
            });
        }
    }

    /** Runs the record's work; a failure is run again after a growing pause while the partition is owned. */
    private CompletableFuture<Void> attempt(ConsumerRecord<String, byte[]> record, PartitionOffsets partition,
            Duration pause) {
        CompletableFuture<Void> run;
        try {
            loop.ownership().requireOwned(record.partition());
            run = loop.handler().handle(record);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        return run.exceptionallyCompose(failure -> {
            Throwable cause = unwrap(failure);
            if (partition.isDone(record.offset())) {
                return CompletableFuture.completedFuture(null); // its outputs and offset are committed: never twice
            }
            if (cause instanceof PartitionLease.Abandoned || closed) {
                return CompletableFuture.failedFuture(cause);
            }
            Duration max = MAX_RETRY;
            if (cause instanceof RegistryValues.RegistryUnavailable unavailable) {
                // not the record's fault: it waits (its key's later records behind it, its offset not committed)
                loop.registryWait().waiting(record, unavailable);
                max = MAX_REGISTRY_WAIT;
            } else {
                loop.registryWait().ended(record);
                log.warn("record {}-{}@{} not done ({}); again in {} ms", record.topic(), record.partition(),
                        record.offset(), cause.getClass().getSimpleName(), pause.toMillis());
            }
            Duration next = pause.multipliedBy(2).compareTo(max) > 0 ? max : pause.multipliedBy(2);
            return loop.ownership().after(record.partition(), pause)
                    .thenComposeAsync(v -> attempt(record, partition, next), loop.workers());
        });
    }

    private void flowControl() {
        if (!held.isEmpty()) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /**
     * One transaction: every write queued since the last one, and the offsets of every assigned partition
     * up to its first unfinished record, sent with the group's current metadata. The broker rejects it
     * when this member is no longer in the generation that owns the partitions (a zombie).
     */
    private void commit() {
        List<Outbox.Write> writes = new ArrayList<>();
        for (Outbox.Write write : loop.outbox().drain()) {
            if (offsets.containsKey(new TopicPartition(loop.input().topic(), write.partition()))
                    && !loop.ownership().takingBack(write.partition())) {
                writes.add(write);
            } else {
                loop.outbox().failed(List.of(write), new PartitionLease.Abandoned(write.partition()));
            }
        }
        Map<TopicPartition, Set<Long>> finishing = new HashMap<>();
        writes.stream().filter(Outbox.Write::finishes).forEach(write -> finishing
                .computeIfAbsent(new TopicPartition(loop.input().topic(), write.partition()), p -> new HashSet<>())
                .add(write.offset()));
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        offsets.forEach((partition, tracked) -> positions.put(partition,
                tracked.commit(finishing.getOrDefault(partition, Set.of()), consumer.position(partition))));
        boolean moved = positions.entrySet().stream()
                .anyMatch(e -> !Objects.equals(lastCommitted.get(e.getKey()), e.getValue().offset()));
        if (writes.isEmpty() && !moved) {
            return;
        }
        try {
            producer.beginTransaction();
            for (Outbox.Write write : writes) {
                for (ProducerRecord<String, Object> record : write.records()) {
                    producer.send(record);
                }
            }
            if (!positions.isEmpty()) {
                producer.sendOffsetsToTransaction(positions, currentGeneration());
            }
            producer.commitTransaction();
        } catch (RuntimeException e) { // a broker's refusal, a fenced generation, a serializer failing
            loop.outbox().failed(writes, e);
            abort(e);
            return;
        }
        finishing.forEach((partition, done) -> done.forEach(offsets.get(partition)::done));
        positions.forEach((partition, position) -> {
            offsets.get(partition).committed(position.offset());
            lastCommitted.put(partition, position.offset());
        });
        loop.outbox().committed(writes);
    }

    /**
     * The group metadata the transaction is fenced with. A consumer that knows it left the group (its poll
     * came too late) has generation -1, which the broker would accept as a plain producer's commit: such a
     * member commits nothing.
     */
    private ConsumerGroupMetadata currentGeneration() {
        ConsumerGroupMetadata group = consumer.groupMetadata();
        if (group.generationId() < 0) {
            throw new CommitFailedException("this consumer is not a member of group " + group.groupId()
                    + " any more: its writes are not committed");
        }
        return group;
    }

    /**
     * An aborted transaction loses nothing: its writes fail and their work makes them again. The producer
     * is replaced (same transactional id: the new one aborts whatever the old one left open), because after
     * a failed commit the old one may stay in an error state; a producer that cannot be made ends the session.
     */
    private void abort(RuntimeException cause) {
        log.warn("transaction aborted ({}: {}); its writes are made again", cause.getClass().getSimpleName(),
                cause.getMessage());
        try {
            producer.abortTransaction();
        } catch (RuntimeException ignored) {
            // the producer is replaced below either way
        }
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException ignored) {
            // closing a failed producer may fail too
        }
        loop.producerFactory().reset();
        producer = loop.producerFactory().createProducer();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        loop.listener().assigned(numbers(partitions));
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        for (TopicPartition partition : partitions) {
            offsets.put(partition, new PartitionOffsets(consumer.position(partition),
                    FinishedOffsets.decode(committed.get(partition))));
            loop.ownership().own(partition.partition());
        }
        log.info("assigned {}", partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        revoke(partitions, "revoked");
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        Set<TopicPartition> ours = ours(partitions);
        if (ours.isEmpty()) {
            return;
        }
        ours.forEach(partition -> loop.ownership().release(partition.partition()));
        forget(ours);
        log.warn("lost {} (no longer in the group): their work stops, the new owner runs it again", ours);
    }

    /**
     * Giving partitions away: no new side effect starts on them (the lease ends), work already past its
     * side effect gets up to revoke-wait to record its outcome, which is committed with the offsets while
     * this member still owns them; then they are forgotten.
     */
    private void revoke(Collection<TopicPartition> partitions, String why) {
        Set<TopicPartition> ours = ours(partitions);
        if (ours.isEmpty()) {
            return;
        }
        ours.forEach(partition -> loop.ownership().release(partition.partition()));
        held.removeIf(record -> ours.contains(partitionOf(record)));
        long deadline = System.nanoTime() + loop.input().revokeWait().toNanos();
        while (System.nanoTime() < deadline && ours.stream().anyMatch(p -> !offsets.get(p).idle())) {
            commit();
            sleep(loop.engine().groupCommit().plusMillis(5));
        }
        commit();
        long unfinished = ours.stream().filter(p -> !offsets.get(p).idle()).count();
        if (unfinished > 0) {
            log.warn("{} {} with work still running after {}: the next owner runs it again", why, ours,
                    loop.input().revokeWait());
        }
        forget(ours);
        log.info("{} {}", why, ours);
    }

    private Set<TopicPartition> ours(Collection<TopicPartition> partitions) {
        Set<TopicPartition> ours = new HashSet<>(partitions);
        ours.retainAll(offsets.keySet());
        return ours;
    }

    private void forget(Set<TopicPartition> partitions) {
        held.removeIf(record -> partitions.contains(partitionOf(record)));
        loop.registryWait().forget(numbers(partitions));
        partitions.forEach(partition -> {
            offsets.remove(partition);
            lastCommitted.remove(partition);
        });
        loop.listener().released(numbers(partitions));
    }

    /**
     * Ends the session, also after a failure: the leases end (work stops before its next side effect), work
     * gets revoke-wait to settle (its writes fail: nothing commits them any more), then the clients close.
     */
    @Override
    public void close() {
        closed = true;
        Set<TopicPartition> remaining = Set.copyOf(offsets.keySet());
        remaining.forEach(partition -> loop.ownership().release(partition.partition()));
        long deadline = System.nanoTime() + loop.input().revokeWait().toNanos();
        do {
            loop.outbox().failPending(new KafkaException("the consumer loop of " + loop.input().topic() + " restarted"));
            sleep(Duration.ofMillis(50));
        } while (loop.inFlight() > 0 && System.nanoTime() < deadline);
        if (!remaining.isEmpty()) {
            forget(remaining);
        }
        if (loop.lag() != null) {
            loop.lag().clear();
        }
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.debug("outbox producer close: {}", e.toString());
        }
        loop.producerFactory().reset();
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.debug("consumer close: {}", e.toString());
        }
    }

    /** A wait inside a revoke or a close: also while the loop is stopping. */
    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).sorted().toList();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
