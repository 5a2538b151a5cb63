package io.checkoutrelay.keyed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * Issue 12 problem 8: an instance that lost its partition without knowing it (a GC pause, a network
 * split) must fail before its side effect. Its loop is frozen inside a commit (its serializer blocks)
 * while another instance takes the partition over; when it wakes up, its transaction carrying the
 * "submitting" write must be refused and its "CRM call" never made.
 */
@ExtendWith(RealInfrastructure.class)
class ZombieFencingTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<KeyedConsumer> started = new ArrayList<>();
    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private TestKafka kafka;
    private String input;
    private String output;
    private String group;

    @BeforeEach
    void topics(Infrastructure infra) {
        kafka = new TestKafka(infra.bootstrapServers());
        String run = UUID.randomUUID().toString().substring(0, 8);
        input = "zombie-in-" + run;
        output = "zombie-out-" + run;
        group = "zombie-" + run;
        kafka.createTopic(input, 1);
        kafka.createTopic(output, 1);
    }

    @AfterEach
    void stop() {
        started.forEach(KeyedConsumer::stop);
        timer.shutdownNow();
    }

    /** The member was replaced while frozen (same static instance id): the broker refuses its commit. */
    @Test
    void aMemberReplacedWhileFrozenFailsBeforeItsSideEffect() throws Exception {
        Frozen frozenA = new Frozen(true);
        KeyedConsumer a = instance("a", frozenA, Map.of("group.instance.id", "importer-0"));
        await().atMost(Duration.ofSeconds(30)).until(() -> a.partitions().size() == 1);

        kafka.send(input, 0, "checkout-1", "v1");
        assertThat(frozenA.entered.await(20, TimeUnit.SECONDS)).isTrue();

        KeyedConsumer b = instance("b", new Frozen(false), Map.of("group.instance.id", "importer-0"));
        await().atMost(Duration.ofSeconds(60)).until(() -> calls.contains("b:v1"));
        frozenA.release.countDown();

        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        a.stop();
        assertThat(calls).containsExactly("b:v1");
        assertThat(kafka.readCommitted(output)).extracting(ConsumerRecord::value)
                .containsExactly("submitting:v1", "done:v1");
        assertThat(b.partitions()).isNotEmpty();
    }

    /** The member noticed it was too late to poll and left: it commits nothing with generation -1. */
    @Test
    void aMemberThatLeftForAPollTooLateFailsBeforeItsSideEffect() throws Exception {
        Frozen frozenA = new Frozen(true);
        KeyedConsumer a = instance("a", frozenA, Map.of("max.poll.interval.ms", 3000));
        await().atMost(Duration.ofSeconds(30)).until(() -> a.partitions().size() == 1);
        KeyedConsumer b = instance("b", new Frozen(false), Map.of());

        kafka.send(input, 0, "checkout-1", "v1");
        assertThat(frozenA.entered.await(20, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> calls.contains("b:v1"));
        frozenA.release.countDown();

        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(calls).containsExactly("b:v1");
        assertThat(kafka.readCommitted(output)).extracting(ConsumerRecord::value)
                .containsExactly("submitting:v1", "done:v1");
        assertThat(a.partitions()).isEmpty();
        assertThat(b.partitions()).containsExactly(0);
    }

    private KeyedConsumer instance(String name, Frozen serializer, Map<String, Object> consumerProperties) {
        PartitionOwnership ownership = new PartitionOwnership(timer, r -> r);
        Outbox outbox = new Outbox();
        KeyedConsumer.Builder builder = KeyedConsumer.builder(kafka.properties(),
                        new KeyedInput(input, group, group + "-" + name, 8, Duration.ofMillis(100), Duration.ofSeconds(5)))
                .values(serializer.values()).ownership(ownership, outbox)
                .handler(record -> submitThenCall(name, record, ownership, outbox));
        consumerProperties.forEach(builder::consumerProperty);
        KeyedConsumer consumer = builder.build();
        consumer.start();
        started.add(consumer);
        return consumer;
    }

    /** What the importer does: a durable "submitting" state, then the call, then the outcome with the offset. */
    private CompletableFuture<Void> submitThenCall(String name, ConsumerRecord<String, byte[]> record,
            PartitionLease lease, Outbox outbox) {
        String value = new String(record.value());
        return outbox.write(record.partition(), List.of(new ProducerRecord<>(output, record.key(), "submitting:" + value)))
                .thenCompose(submitted -> {
                    lease.requireOwned(record.partition());
                    calls.add(name + ":" + value);
                    return outbox.finish(record.partition(), record.offset(),
                            List.of(new ProducerRecord<>(output, record.key(), "done:" + value)));
                });
    }

    /** A value serializer that freezes the loop thread at the first "submitting" record until released. */
    static final class Frozen implements Serializer<String> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final StringSerializer strings = new StringSerializer();
        private volatile boolean armed;

        Frozen(boolean armed) {
            this.armed = armed;
        }

        @Override
        public byte[] serialize(String topic, String value) {
            if (armed && value.startsWith("submitting:")) {
                armed = false;
                entered.countDown();
                try {
                    release.await(90, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return strings.serialize(topic, value);
        }

        Serializer<Object> values() {
            Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
            delegates.put(String.class, this);
            return new DelegatingByTypeSerializer(delegates, true);
        }
    }
}
