package io.checkoutrelay.intake.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What an intake replica says while it loads the status view, and when it counts as loaded. */
class ViewLoadProgressTest {

    private static final TopicPartition P0 = new TopicPartition("checkout.status.v1", 0);
    private static final TopicPartition P1 = new TopicPartition("checkout.status.v1", 1);

    private final MutableClock clock = new MutableClock();
    private final Map<TopicPartition, Long> positions = new HashMap<>(Map.of(P0, 100L, P1, 0L));
    // partition 0 was compacted/deleted up to offset 100: only 900 + 1000 records are left to read
    private final ViewLoadProgress progress = new ViewLoadProgress(Map.of(P0, 100L, P1, 0L),
            Map.of(P0, 1000L, P1, 1000L), Duration.ofSeconds(5), clock);

    @Test
    void saysWhatThereIsToReadThenReportsOncePerIntervalUntilTheEndOffsets() {
        assertThat(progress.start()).isEqualTo("loading the status view: 1900 records to read from 2 partitions of"
                + " checkout.status.v1 (end offsets {0=1000, 1=1000})");

        positions.put(P0, 1000L);
        assertThat(progress.report(positions::get, 10)).as("before the interval").isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(progress.report(positions::get, 700)).contains("loading the status view: 900 of 1900 records"
                + " read (47%), 700 checkouts so far; not ready until the end offsets {0=1000, 1=1000}");
        assertThat(progress.report(positions::get, 700)).as("once per interval").isEmpty();
        assertThat(progress.reached(positions::get)).isFalse();

        positions.put(P1, 1000L);
        assertThat(progress.reached(positions::get)).isTrue();
    }

    @Test
    void anEmptyTopicIsReachedAtOnce() {
        ViewLoadProgress empty = new ViewLoadProgress(Map.of(P0, 0L), Map.of(P0, 0L), Duration.ofSeconds(5), clock);

        assertThat(empty.reached(p -> 0L)).isTrue();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T05:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
