package io.checkoutrelay.keyed;

import java.util.Base64;
import java.util.BitSet;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The records finished above a committed offset, carried in that offset's metadata. The committed offset
 * stops at the first unfinished record, while records of other keys behind it may already be finished,
 * their outputs committed in the same transaction. Without this the next owner of the partition (after a
 * crash, or work that outlived the revoke-wait) would run them again and publish their outputs twice.
 * With it, the next owner skips them.
 *
 * <p>The format is {@code f1:} followed by base64url of a bit set. Bit i is offset {@code committed + 1 + i}.
 * At most {@link #MAX_SPAN} offsets above the committed one are recorded, which stays well under the
 * broker's {@code offset.metadata.max.bytes} (4096 by default). A finished record further up than that
 * runs again after a crash: at least once, as every record did before.
 */
final class FinishedOffsets {

    static final int MAX_SPAN = 16_000;
    private static final String PREFIX = "f1:";

    private FinishedOffsets() {
    }

    /** The metadata for a commit at {@code committed}, naming the finished offsets above it. */
    static String encode(long committed, Collection<Long> finished) {
        BitSet bits = new BitSet();
        for (long offset : finished) {
            long bit = offset - committed - 1;
            if (bit >= 0 && bit < MAX_SPAN) {
                bits.set((int) bit);
            }
        }
        return bits.isEmpty() ? "" : PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits.toByteArray());
    }

    /** The finished offsets a commit names. Metadata in another form (or none) names none. */
    static SortedSet<Long> decode(OffsetAndMetadata committed) {
        SortedSet<Long> finished = new TreeSet<>();
        if (committed == null || committed.metadata() == null || !committed.metadata().startsWith(PREFIX)) {
            return finished;
        }
        BitSet bits;
        try {
            bits = BitSet.valueOf(Base64.getUrlDecoder().decode(committed.metadata().substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return finished; // not ours: nothing is skipped, every record runs (at least once)
        }
        bits.stream().forEach(bit -> finished.add(committed.offset() + 1 + bit));
        return finished;
    }
}
