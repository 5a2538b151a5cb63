package io.checkoutrelay.replay.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.checkoutrelay.replay.cli.Position;

/** What was replayed before: the {@code relay-replay-of} headers of the records on a topic. */
public final class EarlierReplays {

    private EarlierReplays() {
    }

    /** Replayed record's position → its copy's position on {@code topic}. */
    public static Map<Position, Position> on(TopicReader reader, String topic) {
        Map<Position, Position> replayed = new HashMap<>();
        reader.scan(topic, null, record -> ReplayHeaders.text(record.headers(), ReplayHeaders.REPLAY_OF)
                .flatMap(EarlierReplays::parsePosition)
                .ifPresent(original -> replayed.put(original,
                        new Position(record.topic(), record.partition(), record.offset()))));
        return replayed;
    }

    /** {@code <topic>-<partition>@<offset>}, as {@link Position#toString} writes it. */
    public static Optional<Position> parsePosition(String text) {
        int at = text.lastIndexOf('@');
        int dash = at < 0 ? -1 : text.lastIndexOf('-', at);
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Position(text.substring(0, dash), Integer.parseInt(text.substring(dash + 1, at)),
                    Long.parseLong(text.substring(at + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
