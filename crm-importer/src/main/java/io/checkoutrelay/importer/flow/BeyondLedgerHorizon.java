package io.checkoutrelay.importer.flow;

import java.time.Duration;
import java.time.Instant;

/**
 * A record of a checkout captured before the ledger's horizon (or before the latest change among the entries
 * it forgot for size) that the ledger does not hold: its entry may have been forgotten (the topic deletes
 * entries unchanged for its retention; the view forgets settled ones beyond its maximum), so whether the CRM already
 * has the order is not known here. Nothing is sent for it (its token died 60 minutes after capture anyway,
 * so only an Import Lead and a wrong decline could follow); it goes to the dead-letter topic with this
 * message. The message names no token.
 */
public final class BeyondLedgerHorizon extends RuntimeException {

    BeyondLedgerHorizon(String checkoutId, Instant capturedAt, Duration horizon) {
        super("checkout " + checkoutId + " was captured at " + capturedAt + ", more than the ledger's horizon ("
                + horizon.toDays() + " days) ago or before the settled entries it forgot beyond "
                + "crm-importer.ledger.max-entries, and the ledger no longer holds it: whether the CRM has its order "
                + "is not known, so nothing was sent; its outcome is the one published when it was imported or "
                + "declined (crm.order.imported.v1, crm.order.declined.v1)");
    }
}
