package io.checkoutrelay.importer.flow;

import io.checkoutrelay.keyed.PartitionLease;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.checkoutrelay.importer.crm.CheckoutChampClient;
import io.checkoutrelay.importer.ledger.Ledger;
import io.checkoutrelay.importer.metrics.ImporterMetrics;

/** What every import job uses. */
public record FlowContext(CheckoutChampClient crm, Ledger ledger, Outputs outputs, ImporterMetrics metrics,
                          PartitionLease lease, Settling settling) {

    /**
     * Before Order Query may settle an ambiguous answer (a gateway's 5xx, a timeout, an unreadable body):
     * the CRM request timeout plus the settle margin, so that a request still inside the CRM has finished.
     */
    CompletableFuture<Void> beforeQuery(int partition) {
        return lease.after(partition, settleWait());
    }

    /**
     * Before Order Query settles a call found pending in the ledger (sent by a previous owner at
     * {@code sentAt}, or of unknown outcome): until that call can no longer be inside the CRM.
     */
    CompletableFuture<Void> beforeQueryOfCallSentAt(int partition, Instant sentAt) {
        Duration left = Duration.between(Instant.now(), sentAt.plus(settleWait()));
        Duration wait = left.isNegative() ? Duration.ZERO : left.compareTo(settleWait()) > 0 ? settleWait() : left;
        return lease.after(partition, wait);
    }

    PartialReads partialReads() {
        return new PartialReads(settling.partialConfirmInterval());
    }

    private Duration settleWait() {
        return crm.requestTimeout().plus(settling.margin());
    }
}
