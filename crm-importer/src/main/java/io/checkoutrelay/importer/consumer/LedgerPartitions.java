package io.checkoutrelay.importer.consumer;

import java.util.Collection;

import io.checkoutrelay.importer.ledger.Ledger;
import io.checkoutrelay.keyed.PartitionListener;

/**
 * The ledger follows the input's partitions: checked co-partitioned and restored before a partition's
 * records run (a failure makes the keyed consumer restart and try again, unready meanwhile), forgotten
 * once the partition is given away.
 */
public final class LedgerPartitions implements PartitionListener {

    private final Ledger ledger;
    private final String input;

    public LedgerPartitions(Ledger ledger, String input) {
        this.ledger = ledger;
        this.input = input;
    }

    @Override
    public void assigned(Collection<Integer> partitions) {
        ledger.requireCoPartitioned(input);
        ledger.restore(partitions);
    }

    @Override
    public void released(Collection<Integer> partitions) {
        ledger.forget(partitions);
    }
}
