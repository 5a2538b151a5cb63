package io.checkoutrelay.importer.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

    @Test
    void neverCommitsPastARecordThatIsStillInFlight() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.started(10);
        offsets.started(11);
        offsets.started(12);
        offsets.finished(11);
        offsets.finished(12);
        assertThat(offsets.committable()).isEqualTo(10);
        offsets.committed(10);
        assertThat(offsets.committable()).isEqualTo(-1);

        offsets.finished(10);
        assertThat(offsets.committable()).isEqualTo(13);
        assertThat(offsets.idle()).isTrue();
    }

    @Test
    void anAbandonedRecordIsNeverCommittedPast() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.started(5);
        offsets.started(6);
        offsets.abandoned(5);
        offsets.finished(6);
        assertThat(offsets.idle()).isTrue();
        assertThat(offsets.committable()).isEqualTo(5);
    }
}
