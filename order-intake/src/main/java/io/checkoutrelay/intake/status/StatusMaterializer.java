package io.checkoutrelay.intake.status;

import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.serde.RegistryAuth;
import io.checkoutrelay.schemas.serde.RegistryValues;
import io.checkoutrelay.schemas.topic.Topics;
import io.checkoutrelay.intake.config.IntakeProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads ALL partitions of checkout.status.v1 from the beginning (assign, no consumer group: every
 * replica holds the whole view) into the {@link StatusBoard}. Undecodable records are counted and
 * skipped. A record whose schema the registry cannot be asked for is never skipped: its partition
 * waits at that record and tries again (other partitions go on), saying so at WARN, so a replica that
 * starts during a registry outage is not ready until it has read every status. Ready once it has read
 * up to the end offsets it found at start; until then it logs its
 * progress every {@code intake.status.load-progress-every}. Checkouts unchanged for longer than the
 * topic's retention ({@link Topics#STATUS_RETENTION}) are forgotten, as the topic deletes them; and after
 * every poll the view is trimmed to {@code intake.status.max-entries} ({@link StatusView#trim}), so its
 * memory does not grow with the number of checkouts seen.
 */
@Component
public class StatusMaterializer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StatusMaterializer.class);
    private static final String TOPIC = Topics.CHECKOUT_STATUS.name();
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    private static final Duration FIRST_REGISTRY_WAIT = Duration.ofMillis(500);
    private static final Duration MAX_REGISTRY_WAIT = Duration.ofSeconds(5);

    private final StatusBoard board;
    private final Map<String, Object> consumerConfigs;
    private final String registryUrl;
    private final RegistryAuth registryAuth;
    private final Duration loadProgressEvery;
    private final Clock clock;
    private final AtomicLong skipped = new AtomicLong();
    private volatile String waitingForRegistry;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public StatusMaterializer(StatusBoard board, KafkaProperties kafka, IntakeProperties intake,
                              @Value("${relay.registry-url}") String registryUrl, RegistryAuth registryAuth) {
        this.board = board;
        this.loadProgressEvery = intake.status().loadProgressEvery();
        this.clock = Clock.systemUTC();
        Map<String, Object> configs = kafka.buildConsumerProperties();
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumerConfigs = configs;
        this.registryUrl = registryUrl;
        this.registryAuth = registryAuth;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "status-materializer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public long skipped() {
        return skipped.get();
    }

    /** The registry (without credentials) the view waits for, or null when it does not wait. */
    public String waitingForRegistry() {
        return waitingForRegistry;
    }

    /** Reads until stopped; after a failure it reads the topic again from the beginning (applying is idempotent). */
    private void run() {
        while (running) {
            try {
                readUntilStopped();
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("status materializer failed, reading checkout.status.v1 again in 1 s: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void readUntilStopped() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfigs);
             RegistryValues values = new RegistryValues(registryUrl, registryAuth)) {
            consumer = c;
            List<TopicPartition> partitions = awaitPartitions(c);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            ViewLoadProgress progress = new ViewLoadProgress(c.beginningOffsets(partitions), c.endOffsets(partitions),
                    loadProgressEvery, clock);
            if (!caughtUp) {
                log.info(progress.start());
            }
            Instant lastSweep = clock.instant();
            Duration registryWait = FIRST_REGISTRY_WAIT;
            while (running) {
                if (applied(c, values, c.poll(Duration.ofMillis(500)))) {
                    registryWait = FIRST_REGISTRY_WAIT;
                } else {
                    pause(registryWait);
                    registryWait = registryWait.multipliedBy(2).compareTo(MAX_REGISTRY_WAIT) > 0 ? MAX_REGISTRY_WAIT
                            : registryWait.multipliedBy(2);
                }
                int trimmed = board.trim();
                if (trimmed > 0) {
                    log.debug("status view: forgot {} settled or longest unchanged checkouts beyond its {} entries",
                            trimmed, board.maxEntries());
                }
                if (!caughtUp) {
                    if (progress.reached(c::position)) {
                        caughtUp = true;
                        log.info("status view loaded: {} checkouts from {} partitions; ready", board.size(),
                                partitions.size());
                    } else {
                        progress.report(c::position, board.size()).ifPresent(log::info);
                    }
                }
                if (Duration.between(lastSweep, clock.instant()).compareTo(SWEEP_EVERY) >= 0) {
                    lastSweep = clock.instant();
                    int forgotten = board.forgetOlderThan(lastSweep.minus(Topics.STATUS_RETENTION));
                    if (forgotten > 0) {
                        log.info("status view: forgot {} checkouts unchanged for {} (deleted from the topic too)",
                                forgotten, Topics.STATUS_RETENTION);
                    }
                }
            }
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> c) {
        while (running) {
            try {
                var infos = c.partitionsFor(TOPIC, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(TOPIC, i.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("waiting for topic {}: {}", TOPIC, e.getMessage());
            }
        }
        throw new WakeupException();
    }

    /**
     * Applies the polled records; false when the registry could not be asked for one of them: its partition
     * is set back to it (the records after it are polled again), the other partitions' records are applied.
     */
    private boolean applied(KafkaConsumer<String, byte[]> c, RegistryValues values,
                            ConsumerRecords<String, byte[]> records) {
        Set<Integer> waiting = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null || waiting.contains(record.partition())) {
                continue; // a tombstone; or after a record that waits for the registry
            }
            try {
                board.record(values.read(TOPIC, record.value(), CheckoutStatusChanged.class));
            } catch (RegistryValues.Undecodable e) {
                skipped.incrementAndGet();
                log.warn("skipped undecodable status record {}-{}@{}: {}", TOPIC, record.partition(), record.offset(),
                        e.getMessage());
            } catch (RegistryValues.RegistryUnavailable e) {
                waiting.add(record.partition());
                c.seek(new TopicPartition(TOPIC, record.partition()), record.offset());
                if (waitingForRegistry == null) {
                    log.warn("status view: {}; status records wait for it, none is skipped{}", e.getMessage(),
                            caughtUp ? "" : ", and the intake is not ready until they are read");
                }
                waitingForRegistry = values.registry();
            }
        }
        if (waiting.isEmpty() && waitingForRegistry != null && !records.isEmpty()) {
            log.info("status view: the schema registry {} answers again; reading on", waitingForRegistry);
            waitingForRegistry = null;
        }
        return waiting.isEmpty();
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }
}
