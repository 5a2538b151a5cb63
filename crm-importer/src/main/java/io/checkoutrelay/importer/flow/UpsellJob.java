package io.checkoutrelay.importer.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.checkoutrelay.importer.crm.CrmEndpoint;
import io.checkoutrelay.importer.crm.CrmOrderView;
import io.checkoutrelay.importer.crm.CrmResult;
import io.checkoutrelay.importer.crm.DeclineClassifier;
import io.checkoutrelay.importer.crm.OrderReading;
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
 * now). A declined parent declines the upsell with its class; a parent the importer never saw (the
 * enricher declined it) declines it UNAVAILABLE, so that replaying both recovers it.
 *
 * <p>Before the first Import Upsale, Order Query reads how many of the product the order holds (over all
 * its lines); an ambiguous answer is settled by reading it again after the CRM request timeout: that
 * many plus the upsell's quantity → added; unchanged, read twice far enough apart → sent again; anything
 * else → asked again, and UNAVAILABLE {@code outcome_unsettled} when the budget ends. Quantities survive
 * a CRM that merges the upsell into the line of the same product; counting lines does not.
 */
final class UpsellJob extends ImportJob {

    private static final Logger log = LoggerFactory.getLogger(UpsellJob.class);
    private static final String KIND = "upsell";

    private final UpsellRequest upsell;
    private final PartialReads absentReads;

    UpsellJob(FlowContext ctx, Work work, RetryBudget budget) {
        super(ctx, work, budget);
        this.upsell = work.captured().getUpsell();
        this.absentReads = ctx.partialReads();
    }

    CompletableFuture<Void> run() {
        Optional<LedgerEntry> parent = ctx.ledger().get(work.partition(), work.checkoutId());
        if (parent.isEmpty()) {
            // the enricher declined the parent (or it never came): a replay of both can still import it
            return decline(DeclineClass.UNAVAILABLE, "order_not_imported", false, false);
        }
        entry = parent.get();
        UpsellEntry known = known();
        if (known != null && !mayProceed(known)) {
            ctx.metrics().skippedDuplicate(KIND);
            log.info("checkout {} upsell {} attempt {} already {} (attempt {}): nothing sent", work.checkoutId(),
                    upsell.getUpsellId(), work.attempt(), known.state(), known.attempt());
            return restateSettled(known);
        }
        if (entry.state() != LedgerState.IMPORTED) {
            DeclineClass parentClass = entry.state() == LedgerState.DECLINED && entry.declineClass() != null
                    ? DeclineClass.valueOf(entry.declineClass()) : DeclineClass.TERMINAL;
            return decline(parentClass, "order_declined", false, true);
        }
        return status(CheckoutStatus.IMPORTING).thenCompose(v -> known != null && known.pending()
                ? ctx.beforeQueryOfCallSentAt(work.partition(), Instant.ofEpochMilli(entry.updatedAt()))
                        .thenCompose(w -> reconcile())
                : submit());
    }

    /** IMPORTED never again; DECLINED only for a replay of UNAVAILABLE, or a new attempt after CUSTOMER_ACTION. */
    private boolean mayProceed(UpsellEntry known) {
        if (known.state() == LedgerState.IMPORTED) {
            return false;
        }
        if (known.state() == LedgerState.DECLINED) {
            boolean replay = DeclineClass.UNAVAILABLE.name().equals(known.declineClass())
                    && work.attempt() >= known.attempt();
            boolean newAttempt = DeclineClass.CUSTOMER_ACTION.name().equals(known.declineClass())
                    && work.attempt() > known.attempt();
            return replay || newAttempt;
        }
        return work.attempt() >= known.attempt();
    }

    /** The settled status again (never a second result event): the upsell's last status stays the settled one. */
    private CompletableFuture<Void> restateSettled(UpsellEntry known) {
        if (known.state() == LedgerState.IMPORTED) {
            return ctx.outputs().status(work, ResultRecords.status(work, CheckoutStatus.IMPORTED, entry.orderId(), null));
        }
        if (known.state() == LedgerState.DECLINED && known.attempt() == work.attempt() && known.declineClass() != null) {
            Decline decline = ResultRecords.decline(DeclineClass.valueOf(known.declineClass()), known.reason());
            return ctx.outputs().status(work, ResultRecords.status(work, CheckoutStatus.DECLINED, null, decline));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** First send of this attempt: read the product's quantity on the order, then send. */
    private CompletableFuture<Void> submit() {
        UpsellEntry known = known();
        if (known != null && known.state() == LedgerState.SUBMITTING && known.attempt() == work.attempt()
                && known.quantityBefore() != null) {
            return send(known.quantityBefore());
        }
        if (budget.tokenExpired()) {
            return expired();
        }
        return call(CrmEndpoint.ORDER_QUERY, CrmParams.orderQuery(entry.orderId())).thenCompose(result -> {
            if (OrderReading.of(result, entry.orderId()) instanceof OrderReading.Complete complete) {
                return send(complete.order().quantityOf(upsell.getProductId()));
            }
            log.info("checkout {} upsell {}: Order Query before Import Upsale says nothing usable: {}",
                    work.checkoutId(), upsell.getUpsellId(), OrderReading.of(result, entry.orderId()));
            return retryLater("order_query", this::submit, false);
        });
    }

    private CompletableFuture<Void> send(long quantityBefore) {
        if (budget.tokenExpired()) {
            return expired();
        }
        absentReads.forget();
        UpsellEntry submitting = UpsellEntry.submitting(upsell.getProductId(), work.attempt(), quantityBefore);
        return write(entry.withUpsell(upsell.getUpsellId(), submitting, null))
                .thenCompose(v -> call(CrmEndpoint.UPSALE_IMPORT, CrmParams.importUpsale(work, entry.orderId())))
                .thenCompose(result -> {
                    Verdict verdict = DeclineClassifier.classify(result);
                    return switch (verdict.kind()) {
                        case IMPORTED -> imported(CrmOrderView.from(result.message()), false);
                        case DECLINED -> decline(verdict.declineClass(), verdict.reason(), false, true);
                        case RETRY, NOT_SENT -> retryLater("upsale_import", this::submit, false);
                        case UNKNOWN -> ctx.beforeQuery(work.partition()).thenCompose(v -> reconcile());
                    };
                });
    }

    private CompletableFuture<Void> expired() {
        return budget.retries() == 0 ? decline(DeclineClass.CONSENT, "token_expired", false, true)
                : decline(DeclineClass.UNAVAILABLE, RETRY_BUDGET_EXHAUSTED, false, true);
    }

    /** Order Query after an ambiguous answer: the product's quantity against the one read before sending. */
    private CompletableFuture<Void> reconcile() {
        return call(CrmEndpoint.ORDER_QUERY, CrmParams.orderQuery(entry.orderId())).thenCompose(result -> {
            if (result.outcome() == CrmResult.Outcome.TRANSPORT_FAILURE || result.outcome() == CrmResult.Outcome.NOT_SENT) {
                return retryLater("order_query", this::reconcile, true);
            }
            OrderReading reading = OrderReading.of(result, entry.orderId());
            UpsellEntry known = known();
            Long before = known == null ? null : known.quantityBefore();
            if (!(reading instanceof OrderReading.Complete complete) || before == null) {
                ctx.metrics().reconciled(KIND, "odd");
                log.info("checkout {} upsell {}: Order Query says nothing usable: {}", work.checkoutId(),
                        upsell.getUpsellId(), reading);
                return retryLater("order_query", this::reconcile, true);
            }
            long now = complete.order().quantityOf(upsell.getProductId());
            log.info("checkout {} upsell {}: Order Query shows {} of product {} (before: {}, upsell: {})",
                    work.checkoutId(), upsell.getUpsellId(), now, upsell.getProductId(), before, upsell.getQuantity());
            if (now >= before + upsell.getQuantity()) {
                ctx.metrics().reconciled(KIND, "added");
                return imported(complete.order(), true);
            }
            if (now == before) {
                ctx.metrics().reconciled(KIND, "absent");
                return absentReads.confirmedBy(Instant.now()) ? retryLater("upsale_import", this::submit, false)
                        : queryAgainAfterAbsent();
            }
            ctx.metrics().reconciled(KIND, "odd");
            return retryLater("order_query", this::reconcile, true);
        });
    }

    private CompletableFuture<Void> queryAgainAfterAbsent() {
        Duration wait = absentReads.untilConfirmable(Instant.now());
        if (!budget.leavesTimeFor(wait)) {
            return decline(DeclineClass.UNAVAILABLE, OUTCOME_UNSETTLED, true, true);
        }
        return ctx.lease().after(work.partition(), wait).thenCompose(v -> reconcile());
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
        UpsellEntry done = known().imported();
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
        UpsellEntry known = entry == null ? null : known();
        LedgerEntry settled = !record || entry == null ? null : entry.withUpsell(upsell.getUpsellId(),
                UpsellEntry.declined(upsell.getProductId(), work.attempt(),
                        known == null ? null : known.quantityBefore(), declineClass.name(), reason, unsettled),
                null);
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

    private UpsellEntry known() {
        return entry.upsells().get(upsell.getUpsellId());
    }

    @Override
    protected CompletableFuture<Void> retryBudgetExhausted(boolean unsettled) {
        return decline(DeclineClass.UNAVAILABLE, unsettled ? OUTCOME_UNSETTLED : RETRY_BUDGET_EXHAUSTED, unsettled,
                true);
    }
}
