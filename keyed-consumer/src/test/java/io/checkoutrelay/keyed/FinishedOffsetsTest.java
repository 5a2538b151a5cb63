package io.checkoutrelay.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class FinishedOffsetsTest {

    @Test
    void theFinishedOffsetsAboveACommitComeBackFromItsMetadata() {
        String metadata = FinishedOffsets.encode(100, List.of(101L, 103L, 150L, 612L));
        assertThat(metadata).startsWith("f1:");
        assertThat(FinishedOffsets.decode(new OffsetAndMetadata(100, metadata))).containsExactly(101L, 103L, 150L, 612L);
    }

    @Test
    void offsetsAtOrBelowTheCommitAndBeyondTheSpanAreNotRecorded() {
        String metadata = FinishedOffsets.encode(100, List.of(99L, 100L, 101L, 100L + FinishedOffsets.MAX_SPAN + 1));
        assertThat(FinishedOffsets.decode(new OffsetAndMetadata(100, metadata))).containsExactly(101L);
        assertThat(metadata.length()).as("under the broker's offset.metadata.max.bytes")
                .isLessThan(4096);
        assertThat(FinishedOffsets.encode(0, List.of((long) FinishedOffsets.MAX_SPAN)).length()).isLessThan(4096);
    }

    @Test
    void noneFinishedIsNoMetadataAndForeignOrMissingMetadataNamesNone() {
        assertThat(FinishedOffsets.encode(5, List.of())).isEmpty();
        assertThat(FinishedOffsets.decode(null)).isEmpty();
        assertThat(FinishedOffsets.decode(new OffsetAndMetadata(5))).isEmpty();
        assertThat(FinishedOffsets.decode(new OffsetAndMetadata(5, "written by another tool"))).isEmpty();
        assertThat(FinishedOffsets.decode(new OffsetAndMetadata(5, "f1:not base64!"))).isEmpty();
    }
}
