package io.checkoutrelay.keyed;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Whether this instance still owns a partition of the input topic. Work asks before every side effect
 * (an external call, a write): work of a partition given away stops at its next step and the new owner
 * carries on from what was committed.
 */
public interface PartitionLease {

    /** Throws {@link Abandoned} when the partition is no longer owned. */
    void requireOwned(int partition);

    /** True while the partition is owned. */
    default boolean owns(int partition) {
        try {
            requireOwned(partition);
            return true;
        } catch (Abandoned e) {
            return false;
        }
    }

    /** Completes after {@code delay} (no thread sleeps), or exceptionally as soon as the partition is given away. */
    CompletableFuture<Void> after(int partition, Duration delay);

    /** The partition was given away while its record was being worked on. */
    final class Abandoned extends RuntimeException {
        public Abandoned(int partition) {
            super("partition " + partition + " is no longer owned", null, false, false);
        }
    }
}
