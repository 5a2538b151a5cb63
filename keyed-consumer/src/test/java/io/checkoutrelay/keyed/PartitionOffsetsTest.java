package io.checkoutrelay.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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

    @Test
    void aCommitStoppedAtAnUnfinishedRecordNamesTheFinishedOnesAboveIt() {
        PartitionOffsets offsets = new PartitionOffsets(10);
        for (long offset = 10; offset <= 14; offset++) {
            offsets.track(offset);
        }
        offsets.done(11);
        offsets.done(13);
        OffsetAndMetadata commit = offsets.commit(Set.of(14L), 15);
        assertThat(commit.offset()).isEqualTo(10);
        assertThat(FinishedOffsets.decode(commit)).containsExactly(11L, 13L, 14L);
    }

    @Test
    void theNextOwnerSkipsWhatTheCommitNamesAndKeepsNamingItUntilItIsPassed() {
        PartitionOffsets next = new PartitionOffsets(10, List.of(11L, 13L, 9L));
        assertThat(next.finishedEarlier(11)).isTrue();
        assertThat(next.finishedEarlier(12)).isFalse();
        assertThat(next.finishedEarlier(9)).as("below the start: not ours to skip").isFalse();
        assertThat(next.isDone(13)).isTrue();
        // nothing polled again yet: a commit still names them
        assertThat(FinishedOffsets.decode(next.commit(Set.of(), 10))).containsExactly(11L, 13L);

        next.track(10);
        next.track(11);
        next.done(11); // skipped: finished earlier
        next.track(12);
        next.done(10);
        OffsetAndMetadata commit = next.commit(Set.of(), 13);
        assertThat(commit.offset()).isEqualTo(12);
        assertThat(FinishedOffsets.decode(commit)).containsExactly(13L);
        next.committed(12);
        next.done(12);
        next.track(13);
        next.done(13);
        assertThat(next.commit(Set.of(), 14).offset()).isEqualTo(14);
        assertThat(next.commit(Set.of(), 14).metadata()).isEmpty();
    }
}
