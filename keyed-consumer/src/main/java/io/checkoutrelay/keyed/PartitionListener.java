package io.checkoutrelay.keyed;

import java.util.Collection;

/**
 * State a service keeps per input partition (the importer's ledger). Both run on the loop thread: a
 * failure in {@link #assigned} makes the loop restart (with backoff) rather than consume without it.
 */
public interface PartitionListener {

    /** Before any record of these partitions is handed out. */
    default void assigned(Collection<Integer> partitions) {
    }

    /** After the partitions were given away (their work finished or was abandoned) or lost. */
    default void released(Collection<Integer> partitions) {
    }
}
