package io.checkoutrelay.importer.flow;

import io.checkoutrelay.importer.crm.CheckoutChampClient;
import io.checkoutrelay.importer.ledger.Ledger;
import io.checkoutrelay.importer.metrics.ImporterMetrics;

/** What every import job uses. */
public record FlowContext(CheckoutChampClient crm, Ledger ledger, Outputs outputs, ImporterMetrics metrics,
                          PartitionLease lease) {
}
