package io.checkoutrelay.enricher.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

    @Test
    void commitsNothingPastAnUnfinishedRecord() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.track(10);
        offsets.track(11);
        offsets.track(12);
        offsets.done(11);
        offsets.done(12);
        assertThat(offsets.committable()).isEmpty();

        offsets.done(10);
        assertThat(offsets.committable()).isEqualTo(OptionalLong.of(13));
        assertThat(offsets.unfinished()).isZero();
    }

    @Test
    void commitsTheContiguousFinishedPrefixOnlyOnce() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.track(0);
        offsets.track(1);
        offsets.track(2);
        offsets.done(0);
        offsets.done(2);
        assertThat(offsets.committable()).isEqualTo(OptionalLong.of(1));
        assertThat(offsets.committable()).isEmpty();
        offsets.done(1);
        assertThat(offsets.committable()).isEqualTo(OptionalLong.of(3));
    }

    @Test
    void gapsInOffsetsFromCompactionOrTransactionsDoNotBlock() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.track(5);
        offsets.track(9);
        offsets.done(9);
        offsets.done(5);
        assertThat(offsets.committable()).isEqualTo(OptionalLong.of(10));
    }
}
