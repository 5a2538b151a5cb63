package io.checkoutrelay.enricher.flow;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The offsets of one partition between poll and commit. {@link #track} (consumer thread) records a
 * polled offset, {@link #done} (any thread) marks it finished, {@link #committable} (consumer
 * thread) answers the offset to commit: one past the last offset before which everything is done.
 * A finished record behind an unfinished one is never committed.
 */
final class PartitionOffsets {

    private final ConcurrentSkipListMap<Long, Boolean> pending = new ConcurrentSkipListMap<>();
    private long committed = -1;
    private long nextAfterHead = -1;

    void track(long offset) {
        pending.put(offset, Boolean.FALSE);
    }

    void done(long offset) {
        pending.replace(offset, Boolean.TRUE);
    }

    /** The offset to commit now, if it moved since the last call that returned one. */
    OptionalLong committable() {
        Map.Entry<Long, Boolean> head = pending.firstEntry();
        while (head != null && head.getValue()) {
            nextAfterHead = head.getKey() + 1;
            pending.remove(head.getKey());
            head = pending.firstEntry();
        }
        if (nextAfterHead > committed) {
            committed = nextAfterHead;
            return OptionalLong.of(committed);
        }
        return OptionalLong.empty();
    }

    int unfinished() {
        return pending.size();
    }
}
