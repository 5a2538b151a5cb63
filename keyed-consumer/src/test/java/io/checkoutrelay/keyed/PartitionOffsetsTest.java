package io.checkoutrelay.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

    @Test
    void commitsNothingPastAnUnfinishedRecord() {
        PartitionOffsets offsets = new PartitionOffsets(10);
        offsets.track(10);
        offsets.track(11);
        offsets.track(12);
        offsets.done(11);
        offsets.done(12);
        assertThat(offsets.committable(Set.of())).isEqualTo(10);

        offsets.done(10);
        assertThat(offsets.committable(Set.of())).isEqualTo(13);
    }

    @Test
    void anAssignedPartitionWithoutRecordsCommitsItsStartPosition() {
        assertThat(new PartitionOffsets(42).committable(Set.of())).isEqualTo(42);
    }

    @Test
    void recordsFinishingInTheTransactionCountAsDone() {
        PartitionOffsets offsets = new PartitionOffsets(0);
        offsets.track(0);
        offsets.track(1);
        offsets.track(2);
        offsets.done(1);
        assertThat(offsets.committable(Set.of(0L))).isEqualTo(2);
        assertThat(offsets.committable(Set.of())).isZero();
        assertThat(offsets.isDone(0)).isFalse();
    }

    @Test
    void gapsInOffsetsFromCompactionOrTransactionMarkersDoNotBlock() {
        PartitionOffsets offsets = new PartitionOffsets(3);
        offsets.track(5);
        offsets.track(9);
        offsets.done(9);
        assertThat(offsets.committable(Set.of())).isEqualTo(5);
        offsets.done(5);
        assertThat(offsets.committable(Set.of())).isEqualTo(10);
    }

    @Test
    void aCommittedOffsetForgetsWhatIsBelowIt() {
        PartitionOffsets offsets = new PartitionOffsets(0);
        offsets.track(0);
        offsets.track(1);
        offsets.done(0);
        offsets.committed(1);
        assertThat(offsets.isDone(0)).isTrue();
        assertThat(offsets.isDone(1)).isFalse();
        assertThat(offsets.committable(Set.of())).isEqualTo(1);
    }

    @Test
    void idleCountsRecordsInWorkNotRecordsHeldBack() {
        PartitionOffsets offsets = new PartitionOffsets(0);
        offsets.track(0);
        assertThat(offsets.idle()).isTrue();
        offsets.started();
        assertThat(offsets.idle()).isFalse();
        offsets.ended();
        assertThat(offsets.idle()).isTrue();
    }

    @Test
    void whenEveryPolledRecordIsDoneTheConsumersPositionPastATransactionMarkerIsCommitted() {
        PartitionOffsets offsets = new PartitionOffsets(0);
        offsets.track(0);
        // the upstream transaction's commit marker sits at offset 1: the consumer's position is 2
        assertThat(offsets.committable(Set.of(), 2)).as("a record still unfinished holds the commit back")
                .isZero();
        offsets.done(0);
        assertThat(offsets.committable(Set.of(), 2)).isEqualTo(2);
        assertThat(offsets.committable(Set.of())).as("without the position: one past the last record").isEqualTo(1);
    }
}
