package io.checkoutrelay.keyed;

import io.checkoutrelay.observability.consumer.ConsumerLag;
import io.checkoutrelay.observability.topics.TopicsReadiness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * The keyed consumer: a loop that never dies quietly. It runs {@link ConsumerSession}s one after the
 * other: a session that fails (broker gone, a partition's state not restorable, a fenced producer) is
 * closed and a new one started after a backoff that doubles up to {@code max-restart-backoff}. Its
 * health: {@link #readiness()} is UP only while it consumes, {@link #liveness()} goes DOWN once it has
 * failed to get back to consuming for {@code liveness-timeout}.
 */
public final class KeyedConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KeyedConsumer.class);

    private final KeyedInput input;
    private final KeyedConsumerProperties engine;
    private final DefaultKafkaConsumerFactory<String, byte[]> consumerFactory;
    private final DefaultKafkaProducerFactory<String, Object> producerFactory;
    private final RecordHandler handler;
    private final PartitionListener listener;
    private final PartitionOwnership ownership;
    private final Outbox outbox;
    private final ConsumerLag lag;
    private final TopicsReadiness outputs;
    private final Clock clock;
    private final ExecutorService workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object pauses = new Object();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile LoopState state = LoopState.STOPPED;
    private volatile Instant failingSince;
    private volatile String lastFailure;
    private final RegistryWait registryWait;

    private KeyedConsumer(Builder builder) {
        this.input = builder.input;
        this.engine = builder.engine;
        this.consumerFactory = KafkaClients.input(builder.kafka, input, builder.consumerProperties);
        this.producerFactory = KafkaClients.outbox(builder.kafka, input, engine, builder.values);
        this.handler = builder.handler;
        this.listener = builder.listener;
        this.ownership = builder.ownership;
        this.outbox = builder.outbox;
        this.lag = builder.lag;
        this.outputs = builder.outputs;
        this.clock = builder.clock;
        this.registryWait = new RegistryWait(input.topic());
        this.workers = Executors.newFixedThreadPool(builder.workerThreads, runnable -> {
            Thread worker = new Thread(runnable, input.clientId() + "-worker");
            worker.setDaemon(true);
            return worker;
        });
    }

    public static Builder builder(KafkaProperties kafka, KeyedInput input) {
        return new Builder(kafka, input);
    }

    @Override
    public void start() {
        running = true;
        state = LoopState.STARTING;
        thread = new Thread(this::supervise, input.clientId() + "-loop");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        synchronized (pauses) {
            pauses.notifyAll();
        }
        Thread loop = thread;
        if (loop != null) {
            try {
                loop.join(input.revokeWait().plusSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdown();
        producerFactory.reset();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Records handed to work and not ended. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The input partitions this instance owns now. */
    public Set<Integer> partitions() {
        return ownership.owned();
    }

    public LoopState state() {
        return state;
    }

    /**
     * UP while the loop consumes; DOWN while it starts, waits for its topic or restarts, and while records
     * wait for a schema registry that cannot be asked.
     */
    public HealthIndicator readiness() {
        return () -> (state == LoopState.CONSUMING && !registryWait.waiting() ? Health.up() : Health.down())
                .withDetails(details()).build();
    }

    /** DOWN once the loop has failed to get back to consuming for {@code liveness-timeout}. */
    public HealthIndicator liveness() {
        return () -> {
            Instant since = failingSince;
            boolean dead = since != null && Duration.between(since, clock.instant()).compareTo(engine.livenessTimeout()) > 0;
            return (dead ? Health.down() : Health.up()).withDetails(details()).build();
        };
    }

    private Map<String, Object> details() {
        Map<String, Object> details = new HashMap<>();
        details.put("topic", input.topic());
        details.put("state", state.name());
        details.put("partitions", ownership.owned().size());
        details.put("inFlight", inFlight.get());
        Instant since = failingSince;
        if (since != null) {
            details.put("failingSince", since.toString());
            details.put("lastFailure", lastFailure);
        }
        details.putAll(registryWait.details());
        return details;
    }

    private void supervise() {
        Duration backoff = engine.restartBackoff();
        while (running) {
            try (ConsumerSession session = new ConsumerSession(this)) {
                session.run();
            } catch (RuntimeException | Error e) {
                if (!running) {
                    break;
                }
                state = LoopState.RESTARTING;
                lastFailure = e.getClass().getName();
                if (failingSince == null) {
                    failingSince = clock.instant();
                }
                log.error("consumer loop of {} failed; restarting in {} ms (failing since {})", input.topic(),
                        backoff.toMillis(), failingSince, e);
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(engine.maxRestartBackoff()) > 0
                        ? engine.maxRestartBackoff() : backoff.multipliedBy(2);
                continue;
            }
            backoff = engine.restartBackoff();
        }
        state = LoopState.STOPPED;
    }

    // --- what a session reports and uses

    void consuming() {
        if (state != LoopState.CONSUMING) {
            state = LoopState.CONSUMING;
            if (failingSince != null) {
                log.info("consumer loop of {} consuming again", input.topic());
            }
            failingSince = null;
        }
    }

    void waitingForTopic() {
        state = LoopState.WAITING_FOR_TOPIC;
    }

    /** Whether the topics this consumer writes exist (always, when none were given to the builder). */
    boolean outputsExist() {
        return outputs == null || Status.UP.equals(outputs.health().getStatus());
    }

    /** Sleeps, ending early when the loop is stopped. */
    void pause(Duration duration) {
        synchronized (pauses) {
            if (running) {
                try {
                    pauses.wait(Math.max(1, duration.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void ended() {
        inFlight.decrementAndGet();
    }

    KeyedInput input() {
        return input;
    }

    KeyedConsumerProperties engine() {
        return engine;
    }

    DefaultKafkaConsumerFactory<String, byte[]> consumerFactory() {
        return consumerFactory;
    }

    DefaultKafkaProducerFactory<String, Object> producerFactory() {
        return producerFactory;
    }

    RecordHandler handler() {
        return handler;
    }

    PartitionListener listener() {
        return listener;
    }

    PartitionOwnership ownership() {
        return ownership;
    }

    Outbox outbox() {
        return outbox;
    }

    ConsumerLag lag() {
        return lag;
    }

    ExecutorService workers() {
        return workers;
    }

    RegistryWait registryWait() {
        return registryWait;
    }

    /** How a service wires its keyed consumer. */
    public static final class Builder {
        private final KafkaProperties kafka;
        private final KeyedInput input;
        private KeyedConsumerProperties engine = KeyedConsumerProperties.defaults();
        private final Map<String, Object> consumerProperties = new HashMap<>();
        private Serializer<Object> values;
        private RecordHandler handler;
        private PartitionListener listener = new PartitionListener() {
        };
        private PartitionOwnership ownership;
        private Outbox outbox;
        private ConsumerLag lag;
        private TopicsReadiness outputs;
        private Clock clock = Clock.systemUTC();
        private int workerThreads = 4;

        private Builder(KafkaProperties kafka, KeyedInput input) {
            this.kafka = kafka;
            this.input = input;
        }

        public Builder engine(KeyedConsumerProperties engine) {
            this.engine = engine;
            return this;
        }

        /** A consumer property this service needs beyond {@code spring.kafka.*} (e.g. its session timeout). */
        public Builder consumerProperty(String name, Object value) {
            consumerProperties.put(name, value);
            return this;
        }

        /**
         * How the outbox serializes values (e.g. spring-kafka's {@code DelegatingByTypeSerializer} over Avro,
         * JSON strings and raw bytes), configured already: the producer does not configure it again.
         */
        public Builder values(Serializer<Object> values) {
            this.values = values;
            return this;
        }

        public Builder handler(RecordHandler handler) {
            this.handler = handler;
            return this;
        }

        public Builder listener(PartitionListener listener) {
            this.listener = listener;
            return this;
        }

        /** The lease work asks before side effects; the outbox work writes through. */
        public Builder ownership(PartitionOwnership ownership, Outbox outbox) {
            this.ownership = ownership;
            this.outbox = outbox;
            return this;
        }

        public Builder lag(ConsumerLag lag) {
            this.lag = lag;
            return this;
        }

        /**
         * The readiness of the topics this consumer writes: the loop does not consume (no record is taken
         * on, no external call made) until they all exist. Services never create topics.
         */
        public Builder outputs(TopicsReadiness outputs) {
            this.outputs = outputs;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Threads that start records' work (the work itself is asynchronous). */
        public Builder workerThreads(int workerThreads) {
            this.workerThreads = workerThreads;
            return this;
        }

        public KeyedConsumer build() {
            if (handler == null || values == null || ownership == null || outbox == null) {
                throw new IllegalStateException("the keyed consumer of " + input.topic()
                        + " needs a handler, a value serializer, an ownership and an outbox");
            }
            return new KeyedConsumer(this);
        }
    }
}
