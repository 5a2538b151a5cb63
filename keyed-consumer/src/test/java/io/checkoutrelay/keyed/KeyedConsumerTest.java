package io.checkoutrelay.keyed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.observability.topics.TopicsReadiness;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Status;

/** The engine on a real broker: what the enricher and the importer rely on. */
@ExtendWith(RealInfrastructure.class)
class KeyedConsumerTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<KeyedConsumer> started = new ArrayList<>();
    private TestKafka kafka;
    private String input;
    private String output;
    private String group;

    @BeforeEach
    void topics(Infrastructure infra) {
        kafka = new TestKafka(infra.bootstrapServers());
        String run = UUID.randomUUID().toString().substring(0, 8);
        input = "keyed-in-" + run;
        output = "keyed-out-" + run;
        group = "keyed-" + run;
        kafka.createTopic(output, 1);
    }

    @AfterEach
    void stop() {
        started.forEach(KeyedConsumer::stop);
        timer.shutdownNow();
    }

    @Test
    void recordsOfOneKeyInOrderOtherKeysConcurrently() {
        kafka.createTopic(input, 1);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int seq = 0; seq < 5; seq++) {
            for (int key = 0; key < 20; key++) {
                records.add(new ProducerRecord<>(input, 0, "k" + key, "k" + key + ":" + seq));
            }
        }
        kafka.sendAll(input, records);
        Engine a = engine("a", Duration.ofMillis(100), b -> b);

        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readCommitted(output).size() >= 100);

        List<ConsumerRecord<String, String>> outputs = kafka.readCommitted(output);
        assertThat(outputs).hasSize(100);
        Map<String, List<String>> byKey = a.echo.handled.stream()
                .collect(Collectors.groupingBy(v -> v.split(":")[0], Collectors.toList()));
        assertThat(byKey).hasSize(20);
        byKey.forEach((key, values) -> assertThat(values)
                .containsExactlyElementsOf(IntStream.range(0, 5).mapToObj(seq -> key + ":" + seq).toList()));
        // 100 records of 100 ms on one partition, max-in-flight 8: one at a time would take 10 s
        assertThat(a.echo.maxConcurrent.get()).isBetween(5, 8);
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.committed(group, new TopicPartition(input, 0)) == 100);
    }

    @Test
    void aBoundOnRecordsInFlight() {
        kafka.createTopic(input, 2);
        kafka.sendAll(input, IntStream.range(0, 60)
                .mapToObj(i -> new ProducerRecord<>(input, "k" + i, "v" + i)).toList());
        Engine a = engine("a", Duration.ofMillis(150), b -> b);

        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readCommitted(output).size() >= 60);
        assertThat(a.echo.maxConcurrent.get()).isBetween(2, 8);
    }

    @Test
    void waitsForItsInputTopicAndConsumesOnceItExists() throws Exception {
        Engine a = engine("a", Duration.ZERO, b -> b);

        await().atMost(Duration.ofSeconds(20)).until(() -> a.consumer.state() == LoopState.WAITING_FOR_TOPIC);
        assertThat(a.consumer.readiness().health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(a.consumer.liveness().health().getStatus()).isEqualTo(Status.UP);
        Thread.sleep(2000);
        assertThat(a.consumer.state()).isEqualTo(LoopState.WAITING_FOR_TOPIC);

        kafka.createTopic(input, 2);
        kafka.send(input, null, "k", "first");

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.readCommitted(output).size() == 1);
        assertThat(a.consumer.readiness().health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void takesNoRecordUntilTheTopicsItWritesExist(Infrastructure infra) throws Exception {
        kafka.createTopic(input, 1);
        kafka.send(input, null, "k", "waiting");
        String missing = output + ".late";
        TopicsReadiness outputs = new TopicsReadiness(Map.of("bootstrap.servers", infra.bootstrapServers()),
                List.of(output, missing), group, Clock.systemUTC());
        try {
            Engine a = engine("a", Duration.ZERO, b -> b.outputs(outputs));

            await().atMost(Duration.ofSeconds(20)).until(() -> a.consumer.state() == LoopState.WAITING_FOR_TOPIC);
            Thread.sleep(2000);
            assertThat(a.consumer.state()).isEqualTo(LoopState.WAITING_FOR_TOPIC);
            assertThat(a.consumer.readiness().health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(a.echo.handled).as("no record taken on while an output topic is missing").isEmpty();
            assertThat(kafka.committed(group, new TopicPartition(input, 0))).isEqualTo(-1);

            kafka.createTopic(missing, 1);

            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.readCommitted(output).size() == 1);
            assertThat(a.consumer.readiness().health().getStatus()).isEqualTo(Status.UP);
        } finally {
            outputs.destroy();
        }
    }

    @Test
    void restartsAfterAFailureAndSaysSoInItsHealth() {
        kafka.createTopic(input, 2);
        AtomicInteger restoreFailures = new AtomicInteger(2);
        PartitionListener flakyRestore = new PartitionListener() {
            @Override
            public void assigned(Collection<Integer> partitions) {
                if (restoreFailures.getAndDecrement() > 0) {
                    throw new IllegalStateException("state of " + partitions + " not restorable (test)");
                }
            }
        };
        kafka.send(input, 0, "k", "after-restart");
        Engine a = engine("a", Duration.ZERO, b -> b.listener(flakyRestore));

        await().atMost(Duration.ofSeconds(20)).until(() -> a.consumer.state() == LoopState.RESTARTING);
        assertThat(a.consumer.readiness().health().getStatus()).isEqualTo(Status.DOWN);
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readCommitted(output).size() == 1);
        assertThat(a.consumer.state()).isEqualTo(LoopState.CONSUMING);
        assertThat(a.consumer.readiness().health().getStatus()).isEqualTo(Status.UP);
        assertThat(a.consumer.liveness().health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void notLiveWhenItCannotRestartForTheLivenessTimeout() {
        kafka.createTopic(input, 1);
        PartitionListener broken = new PartitionListener() {
            @Override
            public void assigned(Collection<Integer> partitions) {
                throw new IllegalStateException("never restorable (test)");
            }
        };
        Engine a = engine("a", Duration.ZERO, b -> b.listener(broken).engine(new KeyedConsumerProperties(
                Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(30),
                Duration.ofMillis(5), "", Duration.ofSeconds(10))));

        await().atMost(Duration.ofSeconds(20)).until(() -> a.consumer.state() == LoopState.RESTARTING);
        assertThat(a.consumer.liveness().health().getStatus()).isEqualTo(Status.UP);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> a.consumer.liveness().health().getStatus().equals(Status.DOWN));
        assertThat(a.consumer.liveness().health().getDetails()).containsEntry("lastFailure",
                "org.apache.kafka.common.KafkaException");
    }

    @Test
    void aRebalanceMidFlightFinishesWorkBeforeGivingPartitionsAway() {
        kafka.createTopic(input, 4);
        Engine a = engine("a", Duration.ofMillis(1500), b -> b);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.consumer.partitions().size() == 4);
        kafka.sendAll(input, IntStream.range(0, 40)
                .mapToObj(i -> new ProducerRecord<>(input, i % 4, "k" + i, "v" + i)).toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.echo.concurrent.get() > 0);

        Engine b = engine("b", Duration.ofMillis(50), x -> x);

        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readCommitted(output).size() >= 40);
        await().atMost(Duration.ofSeconds(30)).until(() -> b.consumer.partitions().size() == 2);
        assertThat(a.consumer.partitions()).hasSize(2).doesNotContainAnyElementsOf(b.consumer.partitions());
        // work in flight on a revoked partition was finished and committed by its old owner, not run again
        List<String> handled = new ArrayList<>(a.echo.handled);
        handled.addAll(b.echo.handled);
        assertThat(handled).hasSize(40).doesNotHaveDuplicates();
        assertThat(kafka.readCommitted(output)).hasSize(40);
    }

    @Test
    void workOfARevokedPartitionThatOutlivesTheRevokeWaitIsRunByTheNewOwnerAndWrittenOnce() {
        kafka.createTopic(input, 2);
        Engine a = engine("a", Duration.ofSeconds(8), b -> b);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.consumer.partitions().size() == 2);
        kafka.send(input, 0, "k0", "v0");
        kafka.send(input, 1, "k1", "v1");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.echo.handled.size() == 2);

        Engine b = engine("b", Duration.ofMillis(50), x -> x);

        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readCommitted(output).size() >= 2
                && b.consumer.partitions().size() == 1);
        await().pollDelay(Duration.ofSeconds(9)).atMost(Duration.ofSeconds(20)).until(() -> true);
        // the old owner's late outcome for the revoked partition was refused; the new owner wrote it
        assertThat(kafka.readCommitted(output)).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("v0", "v1");
        assertThat(b.echo.handled).hasSize(1);
    }

    /**
     * The soak's finding: records of other keys finished behind a slow one had their outputs committed
     * while the partition's offset stayed at the slow record, so the next owner ran them again and wrote
     * them twice. The commit's metadata names them now, and the next owner skips them.
     */
    @Test
    void recordsFinishedBehindAnUnfinishedOneAreNotRunAgainByTheNextOwner() {
        kafka.createTopic(input, 1);
        Engine a = engine("a", Duration.ofMillis(20), b -> b);
        a.echo.work(value -> value.equals("slow") ? Duration.ofSeconds(30) : Duration.ofMillis(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> a.consumer.partitions().size() == 1);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(input, 0, "k-slow", "slow"));
        IntStream.range(0, 6).forEach(i -> records.add(new ProducerRecord<>(input, 0, "k" + i, "fast" + i)));
        kafka.sendAll(input, records);
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.readCommitted(output).size() == 6);

        // the owner goes away while the slow record is still in work (it outlives the revoke-wait)
        a.consumer.stop();
        Engine b = engine("b", Duration.ofMillis(20), x -> x);

        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readCommitted(output).size() >= 7);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(kafka.readCommitted(output)).extracting(ConsumerRecord::value).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("slow", "fast0", "fast1", "fast2", "fast3", "fast4", "fast5");
        assertThat(b.echo.handled).containsExactly("slow");
    }

    /**
     * The loop restarts (here: a partition added and the service's state for it not restorable once) while a
     * record is still in a long call, past the revoke-wait. The new session takes the partition back: it
     * waits for the old work to end, refuses that work's late outcome, and runs the record once more.
     */
    @Test
    void workOutlivingARestartOfTheLoopIsNotCommittedBesideTheNewOwnershipsRun() {
        kafka.createTopic(input, 1);
        AtomicInteger assignments = new AtomicInteger();
        PartitionListener failsOnce = new PartitionListener() {
            @Override
            public void assigned(Collection<Integer> partitions) {
                if (assignments.incrementAndGet() == 2) {
                    throw new IllegalStateException("state of " + partitions + " not restorable (test)");
                }
            }
        };
        AtomicInteger runs = new AtomicInteger();
        Engine a = engine("a", Duration.ZERO, b -> b.listener(failsOnce).consumerProperty("metadata.max.age.ms", 1000));
        a.echo.work(value -> runs.incrementAndGet() == 1 ? Duration.ofSeconds(15) : Duration.ofMillis(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> a.consumer.partitions().size() == 1);
        kafka.send(input, 0, "k", "slow-then-fast");
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);

        kafka.addPartitions(input, 2);

        // both runs are over (the old one's call ended 15 s after it began), and their outcomes had time to commit
        await().atMost(Duration.ofSeconds(60)).until(() -> assignments.get() >= 3 && a.echo.handled.size() == 2
                && a.echo.concurrent.get() == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.readCommitted(output).size() >= 1);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(kafka.readCommitted(output)).extracting(ConsumerRecord::value).containsExactly("slow-then-fast");
    }

    @Test
    void aPartitionAddedIsConsumed() {
        kafka.createTopic(input, 1);
        Engine a = engine("a", Duration.ZERO, b -> b.consumerProperty("metadata.max.age.ms", 1000));
        await().atMost(Duration.ofSeconds(30)).until(() -> a.consumer.partitions().size() == 1);

        kafka.addPartitions(input, 3);
        kafka.send(input, 2, "k", "on-the-new-partition");

        await().atMost(Duration.ofSeconds(60)).until(() -> a.consumer.partitions().size() == 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.readCommitted(output).size() == 1);
        assertThat(kafka.readCommitted(output).get(0).value()).isEqualTo("on-the-new-partition");
    }

    private Engine engine(String name, Duration work, Function<KeyedConsumer.Builder, KeyedConsumer.Builder> extra) {
        PartitionOwnership ownership = new PartitionOwnership(timer, r -> r);
        Outbox outbox = new Outbox();
        Echo echo = new Echo(name, output, outbox, work);
        KeyedConsumer.Builder builder = KeyedConsumer.builder(kafka.properties(),
                        new KeyedInput(input, group, group + "-" + name, 8, Duration.ofMillis(100), Duration.ofSeconds(5)))
                .values(TestKafka.strings()).handler(echo).ownership(ownership, outbox);
        KeyedConsumer consumer = extra.apply(builder).build();
        consumer.start();
        started.add(consumer);
        return new Engine(consumer, echo, ownership, outbox);
    }

    record Engine(KeyedConsumer consumer, Echo echo, PartitionOwnership ownership, Outbox outbox) {
    }
}
