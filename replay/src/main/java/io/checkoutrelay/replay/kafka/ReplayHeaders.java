package io.checkoutrelay.replay.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers a replayed record carries, and the dead-letter headers it must not. */
public final class ReplayHeaders {

    /** On every replayed record: {@code <topic>-<partition>@<offset>} of the record it is a copy of. */
    public static final String REPLAY_OF = "relay-replay-of";
    /** Why: {@code declined <decline position>} or {@code dead-letter}. */
    public static final String REPLAY_REASON = "relay-replay-reason";
    private static final String DEAD_LETTER_PREFIX = "kafka_dlt-";
    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";

    private ReplayHeaders() {
    }

    /** The original headers, without an earlier replay's marker (and without dead-letter headers if asked), plus ours. */
    public static Headers forReplay(Headers original, boolean dropDeadLetterHeaders, String replayOf, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original) {
            boolean ours = header.key().equals(REPLAY_OF) || header.key().equals(REPLAY_REASON);
            boolean deadLetter = dropDeadLetterHeaders && header.key().startsWith(DEAD_LETTER_PREFIX);
            if (!ours && !deadLetter) {
                headers.add(header);
            }
        }
        headers.add(REPLAY_OF, replayOf.getBytes(StandardCharsets.UTF_8));
        headers.add(REPLAY_REASON, reason.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    public static Optional<String> text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** spring-kafka writes the original partition as a 4-byte big-endian int. */
    public static Optional<Integer> partition(Headers headers) {
        Header header = headers.lastHeader(ORIGINAL_PARTITION);
        return header == null || header.value() == null || header.value().length != Integer.BYTES ? Optional.empty()
                : Optional.of(ByteBuffer.wrap(header.value()).getInt());
    }
}
