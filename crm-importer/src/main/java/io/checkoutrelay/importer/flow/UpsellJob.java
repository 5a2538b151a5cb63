package io.checkoutrelay.importer.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.checkoutrelay.importer.crm.CrmEndpoint;
import io.checkoutrelay.importer.crm.CrmOrderView;
import io.checkoutrelay.importer.crm.DeclineClassifier;
import io.checkoutrelay.importer.crm.Verdict;
import io.checkoutrelay.importer.ledger.LedgerEntry;
import io.checkoutrelay.importer.ledger.LedgerState;
import io.checkoutrelay.importer.ledger.UpsellEntry;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.Decline;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.ImportedItem;
import io.checkoutrelay.schemas.UpsellRequest;

/**
 * Drives one upsell record: Import Upsale into the parent's CRM order, only once the parent is
 * IMPORTED (records of one checkout are processed in order, so the parent's job has finished by
 * now). A declined or missing parent declines the upsell. An unknown outcome is settled by querying
 * the order and counting the upsell's product among its lines.
 */
final class UpsellJob extends ImportJob {

    private static final Logger log = LoggerFactory.getLogger(UpsellJob.class);
    private static final String KIND = "upsell";

    private final UpsellRequest upsell;

    UpsellJob(FlowContext ctx, Work work, RetryBudget budget) {
        super(ctx, work, budget);
        this.upsell = work.captured().getUpsell();
    }

    CompletableFuture<Void> run() {
        Optional<LedgerEntry> parent = ctx.ledger().get(work.partition(), work.checkoutId());
        if (parent.isEmpty()) {
            return decline(DeclineClass.TERMINAL, "order_not_imported", false, false);
        }
        entry = parent.get();
        UpsellEntry known = entry.upsells().get(upsell.getUpsellId());
        if (known != null && (known.state() == LedgerState.IMPORTED || (known.state() == LedgerState.DECLINED
                && !DeclineClass.UNAVAILABLE.name().equals(known.declineClass())))) {
            ctx.metrics().skippedDuplicate(KIND);
            return CompletableFuture.completedFuture(null);
        }
        if (entry.state() != LedgerState.IMPORTED) {
            DeclineClass parentClass = entry.state() == LedgerState.DECLINED && entry.declineClass() != null
                    ? DeclineClass.valueOf(entry.declineClass()) : DeclineClass.TERMINAL;
            return decline(parentClass, "order_declined", false, true);
        }
        return status(CheckoutStatus.IMPORTING).thenCompose(v ->
                known != null && (known.state() == LedgerState.SUBMITTING || known.unsettled())
                        ? ctx.lease().after(work.partition(), ctx.settleDelay()).thenCompose(w -> reconcile())
                        : submit());
    }

    private CompletableFuture<Void> submit() {
        if (budget.tokenExpired()) {
            return budget.retries() == 0 ? decline(DeclineClass.CONSENT, "token_expired", false, true)
                    : decline(DeclineClass.UNAVAILABLE, "retry_budget_exhausted", false, true);
        }
        UpsellEntry submitting = UpsellEntry.submitting(upsell.getProductId(),
                entry.countOfProduct(upsell.getProductId()));
        return write(entry.withUpsell(upsell.getUpsellId(), submitting, null))
                .thenCompose(v -> call(CrmEndpoint.UPSALE_IMPORT, CrmParams.importUpsale(work, entry.orderId())))
                .thenCompose(result -> {
                    Verdict verdict = DeclineClassifier.classify(result);
                    return switch (verdict.kind()) {
                        case IMPORTED -> imported(CrmOrderView.from(result.message()), false);
                        case DECLINED -> decline(verdict.declineClass(), verdict.reason(), false, true);
                        case RETRY, NOT_SENT -> retryLater("upsale_import", this::submit, false);
                        case UNKNOWN -> ctx.beforeQuery(work.partition(), result).thenCompose(v -> reconcile());
                    };
                });
    }

    /** Order Query: more lines of the upsell's product than before Import Upsale was sent → it was added. */
    private CompletableFuture<Void> reconcile() {
        return call(CrmEndpoint.ORDER_QUERY, CrmParams.orderQuery(entry.orderId())).thenCompose(result -> {
            Optional<CrmOrderView> order = result.succeeded() ? CrmOrderView.firstOfQuery(result.message())
                    : Optional.empty();
            if (order.isEmpty()) {
                return retryLater("order_query", this::reconcile, true);
            }
            UpsellEntry known = entry.upsells().get(upsell.getUpsellId());
            long before = known == null ? entry.countOfProduct(upsell.getProductId()) : known.countBefore();
            boolean added = order.get().countOf(upsell.getProductId()) > before;
            ctx.metrics().reconciled(KIND, added ? "added" : "absent");
            log.info("checkout {} upsell {}: Order Query shows the product {}", work.checkoutId(),
                    upsell.getUpsellId(), added ? "added" : "absent");
            return added ? imported(order.get(), true) : retryLater("upsale_import", this::submit, false);
        });
    }

    private CompletableFuture<Void> imported(CrmOrderView order, boolean settledByQuery) {
        List<ImportedItem> items = order.items().stream()
                .filter(item -> item.productId() == upsell.getProductId())
                .reduce((first, second) -> second)
                .map(ResultRecords::item)
                .map(List::of)
                .orElseGet(() -> List.of(ImportedItem.newBuilder().setProductId(upsell.getProductId())
                        .setQuantity(upsell.getQuantity()).setPrice(upsell.getPrice()).build()));
        var record = ResultRecords.imported(work, order, entry.orderId(), items, settledByQuery);
        UpsellEntry done = entry.upsells().get(upsell.getUpsellId()).imported();
        LedgerEntry settled = entry.withUpsell(upsell.getUpsellId(), done,
                order.items().isEmpty() ? null : order.productIds());
        // the event, its status and the ledger's final state: one transaction with the input offset
        return ctx.outputs().imported(work, record,
                        ResultRecords.status(work, CheckoutStatus.IMPORTED, entry.orderId(), null), settled)
                .thenRun(() -> {
                    entry = settled;
                    ctx.metrics().imported(KIND, settledByQuery);
                    log.info("checkout {} upsell {} imported into CRM order {}{}", work.checkoutId(),
                            upsell.getUpsellId(), entry.orderId(), settledByQuery ? " (settled by Order Query)" : "");
                });
    }

    private CompletableFuture<Void> decline(DeclineClass declineClass, String reason, boolean unsettled,
            boolean record) {
        Decline decline = ResultRecords.decline(declineClass, reason);
        String orderId = entry == null ? null : entry.orderId();
        String raw = lastAnswer == null ? null : lastAnswer.rawMessage();
        Map<String, String> fieldErrors = lastAnswer == null ? Map.of() : lastAnswer.fieldErrors();
        LedgerEntry settled = !record || entry == null ? null : entry.withUpsell(upsell.getUpsellId(),
                UpsellEntry.declined(upsell.getProductId(), entry.countOfProduct(upsell.getProductId()),
                        declineClass.name(), reason, unsettled), null);
        return ctx.outputs().declined(work, ResultRecords.declined(work, decline, raw, fieldErrors, orderId),
                ResultRecords.status(work, CheckoutStatus.DECLINED, null, decline), settled).thenRun(() -> {
            if (settled != null) {
                entry = settled;
            }
            ctx.metrics().declined(KIND, declineClass.name(), reason);
            log.info("checkout {} upsell {} declined: {} {}", work.checkoutId(), upsell.getUpsellId(),
                    declineClass, reason);
        });
    }

    @Override
    protected CompletableFuture<Void> retryBudgetExhausted(boolean unsettled) {
        return decline(DeclineClass.UNAVAILABLE, "retry_budget_exhausted", unsettled, true);
    }
}
