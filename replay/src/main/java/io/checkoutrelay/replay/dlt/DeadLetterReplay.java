package io.checkoutrelay.replay.dlt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.checkoutrelay.replay.cli.Position;
import io.checkoutrelay.replay.cli.Request;
import io.checkoutrelay.replay.kafka.EarlierReplays;
import io.checkoutrelay.replay.kafka.ReplayHeaders;
import io.checkoutrelay.replay.kafka.Republisher;
import io.checkoutrelay.replay.kafka.TopicReader;
import io.checkoutrelay.replay.report.Report;

/**
 * {@code replay dlt}: copies dead letters back to the topic named in their {@code kafka_dlt-original-topic}
 * header (same partition when it still exists), without the dead-letter headers; skips those replayed before.
 */
public final class DeadLetterReplay {

    private final TopicReader reader;
    private final Republisher publisher;
    private final Report report;

    /** {@code publisher} may be null for a dry run. */
    public DeadLetterReplay(TopicReader reader, Republisher publisher, Report report) {
        this.reader = reader;
        this.publisher = publisher;
        this.report = report;
    }

    public void run(Request.DeadLetters request) {
        if (reader.partitions(request.topic()).isEmpty()) {
            report.missing(request.topic(), "no such topic");
            return;
        }
        List<ConsumerRecord<byte[], byte[]>> letters = select(request);
        Map<String, Map<Position, Position>> replayedByTopic = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            Position at = new Position(letter.topic(), letter.partition(), letter.offset());
            String subject = "dead letter " + at;
            Optional<String> original = ReplayHeaders.text(letter.headers(), ReplayHeaders.ORIGINAL_TOPIC);
            if (original.isEmpty()) {
                report.failed(subject, "no " + ReplayHeaders.ORIGINAL_TOPIC + " header: its origin is unknown");
                continue;
            }
            String topic = original.get();
            int partitions = reader.partitions(topic).size();
            if (partitions == 0) {
                report.failed(subject, "its original topic " + topic + " does not exist");
                continue;
            }
            Position copy = replayedByTopic.computeIfAbsent(topic, t -> EarlierReplays.on(reader, t)).get(at);
            if (copy != null) {
                report.skipped(subject, "already replayed as " + copy);
                continue;
            }
            Integer partition = ReplayHeaders.partition(letter.headers()).filter(p -> p < partitions).orElse(null);
            String key = letter.key() == null ? "no key" : "key " + new String(letter.key(), StandardCharsets.UTF_8);
            if (request.dryRun()) {
                report.replayed(subject, key + " -> " + topic + (partition == null ? "" : "-" + partition));
                continue;
            }
            try {
                Position written = publisher.publish(topic, partition, letter.key(), letter.value(),
                        ReplayHeaders.forReplay(letter.headers(), true, at.toString(), "dead-letter"));
                report.replayed(subject, key + " -> " + written);
            } catch (RuntimeException e) {
                report.failed(subject, e.getMessage());
            }
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> select(Request.DeadLetters request) {
        if (request.positions().isEmpty()) {
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            reader.scan(request.topic(), null, all::add);
            if (all.isEmpty()) {
                report.note(request.topic() + " holds no dead letters");
            }
            return all;
        }
        List<ConsumerRecord<byte[], byte[]>> chosen = new ArrayList<>();
        for (Position position : request.positions()) {
            TopicReader.Fetched fetched = reader.fetch(position.topic(), position.partition(), position.offset());
            if (fetched.record().isPresent()) {
                chosen.add(fetched.record().get());
            } else {
                report.missing("dead letter " + position, fetched.whyMissing());
            }
        }
        return chosen;
    }
}
