package io.checkoutrelay.importer.flow;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Whether this instance still owns a partition. Work of a partition given away stops at the next
 * step (before any CRM call or ledger write): the new owner restores the ledger and carries on.
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
