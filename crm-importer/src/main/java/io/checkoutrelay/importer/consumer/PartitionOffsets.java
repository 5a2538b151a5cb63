package io.checkoutrelay.importer.consumer;

import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The offsets of one partition that are in flight. The committable offset never passes a record
 * that has not finished: it is the lowest unfinished (or abandoned) offset, else one past the
 * highest offset seen.
 */
final class PartitionOffsets {

    private final ConcurrentSkipListSet<Long> pending = new ConcurrentSkipListSet<>();
    private final ConcurrentSkipListSet<Long> abandoned = new ConcurrentSkipListSet<>();
    private volatile long nextAfterSeen = -1;
    private long committed = -1;

    void started(long offset) {
        pending.add(offset);
        nextAfterSeen = Math.max(nextAfterSeen, offset + 1);
    }

    void finished(long offset) {
        pending.remove(offset);
    }

    /** Stopped without a durable result (partition given away): never committed past. */
    void abandoned(long offset) {
        abandoned.add(offset);
        pending.remove(offset);
    }

    boolean idle() {
        return pending.isEmpty();
    }

    /** The offset to commit, or -1 when nothing new can be committed. */
    long committable() {
        long next = nextAfterSeen;
        Long firstPending = pending.isEmpty() ? null : pending.first();
        Long firstAbandoned = abandoned.isEmpty() ? null : abandoned.first();
        if (firstPending != null) {
            next = Math.min(next, firstPending);
        }
        if (firstAbandoned != null) {
            next = Math.min(next, firstAbandoned);
        }
        return next > committed ? next : -1;
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }
}
