package io.checkoutrelay.keyed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The offsets of one partition between poll and commit. {@link #track} (loop thread) records a polled
 * offset, {@link #done} (any thread) marks it finished, {@link #committable} (loop thread) answers the
 * offset to commit: the first unfinished offset, else one past the last tracked one. A finished record
 * behind an unfinished (or abandoned) one is never committed past; the commit's metadata names it
 * ({@link FinishedOffsets}), so the partition's next owner skips it ({@link #finishedEarlier}) instead of
 * running it again.
 */
final class PartitionOffsets {

    private final ConcurrentSkipListMap<Long, Boolean> tracked = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListSet<Long> finishedEarlier = new ConcurrentSkipListSet<>();
    private final AtomicInteger working = new AtomicInteger();
    private volatile long next;

    /** @param start the partition's position when it was assigned */
    PartitionOffsets(long start) {
        this(start, List.of());
    }

    /**
     * @param start the partition's position when it was assigned
     * @param finishedEarlier offsets above it that an earlier owner finished and committed (the committed
     *     offset's metadata)
     */
    PartitionOffsets(long start, Collection<Long> finishedEarlier) {
        this.next = start;
        finishedEarlier.stream().filter(offset -> offset >= start).forEach(this.finishedEarlier::add);
    }

    /** Whether an earlier owner finished this record and committed its outputs: it is not run again. */
    boolean finishedEarlier(long offset) {
        return finishedEarlier.contains(offset);
    }

    void track(long offset) {
        tracked.put(offset, Boolean.FALSE);
    }

    void done(long offset) {
        tracked.replace(offset, Boolean.TRUE);
    }

    /** The offset to commit if the offsets in {@code finishing} were done too (they are, once the commit succeeds). */
    long committable(Set<Long> finishing) {
        return committable(finishing, Long.MIN_VALUE);
    }

    /**
     * As {@link #committable(Set, long)}, with the finished records above that offset in its metadata: those
     * done, those finishing in this transaction, and those an earlier owner finished not polled again yet.
     */
    OffsetAndMetadata commit(Set<Long> finishing, long position) {
        long offset = committable(finishing, position);
        List<Long> finished = new ArrayList<>(finishing);
        tracked.tailMap(offset, false).forEach((polled, done) -> {
            if (done) {
                finished.add(polled);
            }
        });
        finished.addAll(finishedEarlier.tailSet(offset, false));
        return new OffsetAndMetadata(offset, FinishedOffsets.encode(offset, finished));
    }

    /**
     * As {@link #committable(Set)}, but when every polled record is done, the consumer's {@code position}:
     * past the transaction markers an upstream transactional producer leaves after its records, which
     * no record ever reaches. Committing one past the last record instead would leave the group one
     * offset behind the end forever (a lag that never reaches 0).
     */
    long committable(Set<Long> finishing, long position) {
        long result = next;
        for (Map.Entry<Long, Boolean> entry : tracked.entrySet()) {
            if (!entry.getValue() && !finishing.contains(entry.getKey())) {
                return Math.max(result, entry.getKey());
            }
            result = Math.max(result, entry.getKey() + 1);
        }
        return Math.max(result, position);
    }

    /** After a commit of {@code offset}: forgets everything below it. */
    void committed(long offset) {
        next = Math.max(next, offset);
        tracked.headMap(offset).clear();
        finishedEarlier.headSet(offset).clear();
    }

    /** Whether the record at {@code offset} is done (its finishing write was committed, or it was committed past). */
    boolean isDone(long offset) {
        return offset < next || Boolean.TRUE.equals(tracked.get(offset)) || finishedEarlier.contains(offset);
    }

    /** A polled record was handed to work. */
    void started() {
        working.incrementAndGet();
    }

    /** Work on a record ended, finished or not. */
    void ended() {
        working.decrementAndGet();
    }

    /** No record of this partition is in work (records polled and held back do not count). */
    boolean idle() {
        return working.get() == 0;
    }
}
