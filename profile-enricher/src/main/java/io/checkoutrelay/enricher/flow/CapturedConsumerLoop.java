package io.checkoutrelay.enricher.flow;

import io.checkoutrelay.observability.consumer.ConsumerLag;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The consumer loop: polls the input topic, dispatches each record to the {@link KeySequencer}
 * (records of one key in order, different keys concurrently), keeps at most {@code maxInFlight}
 * records dispatched and unfinished (beyond that it holds polled records back and pauses the
 * partitions), and commits per partition only the offsets below which every record is durably
 * processed. The consumer is used from this loop's thread only; the work itself never runs or
 * sleeps here, so a slow checkout never stalls the others on its partition.
 */
public class CapturedConsumerLoop implements SmartLifecycle, ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(CapturedConsumerLoop.class);

    private final Supplier<Consumer<String, byte[]>> consumerFactory;
    private final String topic;
    private final int maxInFlight;
    private final Duration pollTimeout;
    private final Duration drainTimeout;
    private final PersistentRunner runner;

    private final KeySequencer sequencer = new KeySequencer();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ArrayDeque<ConsumerRecord<String, byte[]>> held = new ArrayDeque<>();
    private final Map<TopicPartition, PartitionOffsets> offsets = new HashMap<>();
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile Thread thread;
    private Consumer<String, byte[]> consumer;
    private volatile ConsumerLag lag;

    /**
     * @param processing processes one record; its future completes when the record's output is durable.
     *                   A failed run is scheduled again on {@code scheduler} until it succeeds or the loop stops.
     */
    public CapturedConsumerLoop(Supplier<Consumer<String, byte[]>> consumerFactory, String topic, int maxInFlight,
            Duration pollTimeout, Duration drainTimeout,
            Function<ConsumerRecord<String, byte[]>, CompletableFuture<Void>> processing,
            ScheduledExecutorService scheduler) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("relay.enricher.max-in-flight must be at least 1");
        }
        this.consumerFactory = consumerFactory;
        this.topic = topic;
        this.maxInFlight = maxInFlight;
        this.pollTimeout = pollTimeout;
        this.drainTimeout = drainTimeout;
        this.runner = new PersistentRunner(processing, scheduler, this::isRunning);
    }

    /** Lag per partition, refreshed from this loop's thread (set before {@link #start}). */
    public void reportLagTo(ConsumerLag consumerLag) {
        this.lag = consumerLag;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The partitions this instance owns, each with its start position already resolved. */
    public Set<TopicPartition> assignment() {
        return Set.copyOf(assigned);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "captured-consumer");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread loop = thread;
        if (loop != null) {
            try {
                loop.join(drainTimeout.plusSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try {
            consumer = consumerFactory.get();
        } catch (RuntimeException e) {
            log.error("consumer could not be created; the service is not consuming", e);
            running = false;
            return;
        }
        try {
            consumer.subscribe(List.of(topic), this);
            while (running) {
                dispatchHeld();
                pauseWhileHolding();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTimeout)) {
                    offsetsOf(new TopicPartition(record.topic(), record.partition())).track(record.offset());
                    held.add(record);
                }
                dispatchHeld();
                commitFinished(false);
                if (lag != null) {
                    lag.refresh(consumer);
                }
            }
            drain();
        } catch (WakeupException e) {
            log.debug("consumer woken up");
        } catch (RuntimeException e) {
            log.error("consumer loop failed; the service is no longer consuming", e);
        } finally {
            if (lag != null) {
                lag.clear();
            }
            consumer.close(Duration.ofSeconds(5));
            running = false;
        }
    }

    private void dispatchHeld() {
        while (!held.isEmpty() && inFlight.get() < maxInFlight) {
            ConsumerRecord<String, byte[]> record = held.poll();
            PartitionOffsets partition = offsetsOf(new TopicPartition(record.topic(), record.partition()));
            inFlight.incrementAndGet();
            String key = record.key() != null ? record.key()
                    : "\u0000" + record.partition() + "@" + record.offset();
            sequencer.submit(key, () -> runner.run(record)).whenComplete((ok, failure) -> {
                if (failure == null) {
                    partition.done(record.offset());
                }
                inFlight.decrementAndGet();
            });
        }
    }

    private void pauseWhileHolding() {
        if (!held.isEmpty()) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void commitFinished(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((partition, tracked) -> {
            OptionalLong next = tracked.committable();
            if (next.isPresent()) {
                commits.put(partition, new OffsetAndMetadata(next.getAsLong()));
            }
        });
        if (commits.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(commits);
        } else {
            consumer.commitAsync(commits, (committed, failure) -> {
                if (failure != null) {
                    log.warn("offset commit failed ({}); the next commit covers it", failure.getClass().getSimpleName());
                }
            });
        }
    }

    private void drain() {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        commitFinished(true);
    }

    private PartitionOffsets offsetsOf(TopicPartition partition) {
        return offsets.computeIfAbsent(partition, p -> new PartitionOffsets());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        try {
            commitFinished(true);
        } catch (RuntimeException e) {
            log.warn("commit on revocation failed ({}); the new owner may process some records again",
                    e.getClass().getSimpleName());
        }
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        partitions.forEach(consumer::position); // resolve the start (committed or auto.offset.reset) now
        assigned.addAll(partitions);
        log.info("assigned {}", partitions);
    }

    /** Work already running for these partitions finishes, but its offsets are no longer ours to commit. */
    private void forget(Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
        partitions.forEach(offsets::remove);
        held.removeIf(record -> partitions.contains(new TopicPartition(record.topic(), record.partition())));
    }
}
