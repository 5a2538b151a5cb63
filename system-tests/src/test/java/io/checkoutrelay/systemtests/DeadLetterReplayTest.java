package io.checkoutrelay.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A dead letter goes back to its original topic with the replay command, once; its headers say what it replays. */
@ExtendWith(SystemExtension.class)
class DeadLetterReplayTest {

    private static final String CAPTURED = "amazon.checkout.captured.v1";
    private static final String DLT = CAPTURED + ".dlt";

    @Test
    void aDeadLetterIsCopiedBackToItsTopicOnceAndLandsInTheDltAgainWhileItsCauseStays(RunningSystem system)
            throws Exception {
        String key = UUID.randomUUID().toString();
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                system.bootstrapServers(), "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(CAPTURED, key.getBytes(StandardCharsets.UTF_8),
                    garbage)).get();
            assertThat(sent.offset()).isNotNegative();
        }
        List<ConsumerRecord<byte[], byte[]>> letters = awaitDeadLetters(system, key, 1);
        ConsumerRecord<byte[], byte[]> letter = letters.get(0);

        OperatorReplay.Result replay = new OperatorReplay(system).run("dlt", "--topic", DLT,
                "--partition", Integer.toString(letter.partition()), "--offset", Long.toString(letter.offset()));
        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(replay.lines("replayed")).as(replay.output()).singleElement().asString().contains("-> " + CAPTURED);

        // the value is still unreadable, so the enricher dead-letters the copy again, marked as a replay
        List<ConsumerRecord<byte[], byte[]>> again = awaitDeadLetters(system, key, 2);
        ConsumerRecord<byte[], byte[]> second = again.get(1);
        assertThat(second.value()).isEqualTo(garbage);
        assertThat(header(second, "relay-replay-of")).isEqualTo(DLT + "-" + letter.partition() + "@" + letter.offset());
        assertThat(header(second, "kafka_dlt-original-topic")).isEqualTo(CAPTURED);

        OperatorReplay.Result twice = new OperatorReplay(system).run("dlt", "--topic", DLT,
                "--partition", Integer.toString(letter.partition()), "--offset", Long.toString(letter.offset()));
        assertThat(twice.exitCode()).as(twice.output()).isZero();
        assertThat(twice.lines("replayed")).as(twice.output()).isEmpty();
        assertThat(twice.lines("skipped")).as(twice.output()).singleElement().asString().contains("already replayed");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(RunningSystem system, String key, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                system.bootstrapServers(), "key.deserializer", ByteArrayDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName(), "enable.auto.commit", "false"))) {
            while (System.nanoTime() < deadline) {
                List<TopicPartition> partitions = consumer.partitionsFor(DLT, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(DLT, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                            found.add(record);
                        }
                    }
                }
                if (found.size() >= count) {
                    found.sort(java.util.Comparator.comparingLong(ConsumerRecord::offset));
                    return found;
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError(count + " dead letters with key " + key + " not on " + DLT + " within 60 s");
    }
}
