package io.checkoutrelay.importer.flow;

import io.checkoutrelay.keyed.PartitionLease;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.checkoutrelay.importer.crm.CheckoutChampClient;
import io.checkoutrelay.importer.crm.CrmResult;
import io.checkoutrelay.importer.ledger.Ledger;
import io.checkoutrelay.importer.metrics.ImporterMetrics;

/** What every import job uses. */
public record FlowContext(CheckoutChampClient crm, Ledger ledger, Outputs outputs, ImporterMetrics metrics,
                          PartitionLease lease, Duration settleDelay) {

    /**
     * When Order Query may settle an unknown outcome: at once after an answer (5xx, unreadable body),
     * {@code settleDelay} later after none (timeout, connection lost), so that a request still inside
     * the CRM has finished before PARTIAL is read as "safe to send again".
     */
    CompletableFuture<Void> beforeQuery(int partition, CrmResult result) {
        return result.httpStatus() == 0 ? lease.after(partition, settleDelay) : CompletableFuture.completedFuture(null);
    }
}
