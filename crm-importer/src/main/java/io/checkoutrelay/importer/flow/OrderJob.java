package io.checkoutrelay.importer.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.checkoutrelay.importer.crm.CrmEndpoint;
import io.checkoutrelay.importer.crm.CrmOrderView;
import io.checkoutrelay.importer.crm.CrmResult;
import io.checkoutrelay.importer.crm.OrderReading;
import io.checkoutrelay.importer.crm.DeclineClassifier;
import io.checkoutrelay.importer.crm.Verdict;
import io.checkoutrelay.importer.ledger.LedgerEntry;
import io.checkoutrelay.importer.ledger.LedgerState;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.Decline;
import io.checkoutrelay.schemas.DeclineClass;

/**
 * Drives one order record to exactly one CRM order or one decline:
 * Import Lead → ledger SUBMITTING with the lead's orderId (durable) → Import Order. An unknown outcome is settled
 * by Order Query before anything is sent again (after the CRM request timeout; PARTIAL read twice far
 * enough apart); so is a checkout found SUBMITTING in the ledger.
 */
final class OrderJob extends ImportJob {

    private static final Logger log = LoggerFactory.getLogger(OrderJob.class);
    private static final String KIND = "order";


    private final PartialReads partialReads;

    OrderJob(FlowContext ctx, Work work, RetryBudget budget) {
        super(ctx, work, budget);
        this.partialReads = ctx.partialReads();
    }

    CompletableFuture<Void> run() {
        Optional<LedgerEntry> existing = ctx.ledger().get(work.partition(), work.checkoutId());
        if (existing.isPresent() && !mayProceed(existing.get())) {
            ctx.metrics().skippedDuplicate(KIND);
            log.info("checkout {} attempt {} already {} (attempt {}): nothing sent", work.checkoutId(),
                    work.attempt(), existing.get().state(), existing.get().attempt());
            return restateSettled(existing.get());
        }
        entry = existing.orElse(null);
        return status(CheckoutStatus.IMPORTING).thenCompose(v -> {
            if (entry == null || entry.orderId() == null) {
                return importLead();
            }
            if (entry.state() == LedgerState.SUBMITTING || entry.unsettled()) {
                // a previous owner may have a request still inside the CRM: let it finish, then ask
                return ctx.beforeQueryOfCallSentAt(work.partition(), Instant.ofEpochMilli(entry.updatedAt()))
                        .thenCompose(w -> reconcile());
            }
            return submit();
        });
    }

    /**
     * A record of a checkout already settled (redelivered, replayed, reprocessed upstream) publishes its
     * settled status again, so that the last status of the checkout stays the settled one (IMPORTED is
     * final, whatever came after it); it never publishes a second result event.
     */
    private CompletableFuture<Void> restateSettled(LedgerEntry settled) {
        if (settled.state() == LedgerState.IMPORTED) {
            return ctx.outputs().status(work, ResultRecords.status(work, CheckoutStatus.IMPORTED, settled.orderId(), null));
        }
        if (settled.state() == LedgerState.DECLINED && settled.attempt() == work.attempt()
                && settled.declineClass() != null) {
            Decline decline = ResultRecords.decline(DeclineClass.valueOf(settled.declineClass()), settled.reason());
            return ctx.outputs().status(work, ResultRecords.status(work, CheckoutStatus.DECLINED, null, decline));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** See {@link LedgerStanding#admits}: IMPORTED never again; DECLINED only where trying again can work. */
    private boolean mayProceed(LedgerEntry existing) {
        return new LedgerStanding(existing.state(), existing.attempt(), existing.declineClass()).admits(work.attempt());
    }

    private CompletableFuture<Void> importLead() {
        return call(CrmEndpoint.LEADS_IMPORT, CrmParams.importLead(work)).thenCompose(result -> {
            if (result.succeeded()) {
                String orderId = CrmOrderView.from(result.message()).orderId();
                if (orderId == null) {
                    return retryLater("leads_import", this::importLead, false);
                }
                // LEAD(orderId) is not written on its own: the SUBMITTING write below carries the orderId and is
                // the fenced write before Import Order, one transaction instead of two in a row. A crash before it
                // leaves no entry (a new, harmless lead next time), after it SUBMITTING (settled by Order Query).
                entry = LedgerEntry.lead(work.checkoutId(), orderId, work.attempt());
                return submit();
            }
            return switch (result.outcome()) {
                case VALIDATION_ERROR, ERROR, MERCHANT_REDIRECT ->
                        decline(DeclineClass.INVALID_REQUEST, DeclineClassifier.VALIDATION_ERROR, false);
                default -> retryLater("leads_import", this::importLead, false);
            };
        });
    }

    private CompletableFuture<Void> submit() {
        if (budget.tokenExpired()) {
            return budget.retries() == 0 ? decline(DeclineClass.CONSENT, "token_expired", false)
                    : decline(DeclineClass.UNAVAILABLE, RETRY_BUDGET_EXHAUSTED, false);
        }
        partialReads.forget();
        return write(entry.submitting(work.attempt()))
                .thenCompose(v -> call(CrmEndpoint.ORDER_IMPORT, CrmParams.importOrder(work, entry.orderId())))
                .thenCompose(result -> {
                    Verdict verdict = DeclineClassifier.classify(result);
                    return switch (verdict.kind()) {
                        case IMPORTED -> imported(CrmOrderView.from(result.message()), false);
                        case DECLINED -> decline(verdict.declineClass(), verdict.reason(), false);
                        case RETRY -> write(entry.retryable()).thenCompose(
                                v -> retryLater("order_import", this::submit, false));
                        case NOT_SENT -> retryLater("order_import", this::submit, false);
                        case UNKNOWN -> ctx.beforeQuery(work.partition()).thenCompose(v -> reconcile());
                    };
                });
    }

    /**
     * Order Query decides an unknown outcome: COMPLETE → imported; PARTIAL or DECLINED ("not charged",
     * {@link OrderReading#notCharged}) → sent again, but only once read twice far enough apart, and that
     * answer gives the decline its class and reason; REFUNDED or CANCELLED → declined TERMINAL; an answer
     * that says nothing (an error, an empty page, an odd status) → asked again later, and declined
     * UNAVAILABLE {@code outcome_unsettled} when the budget ends: never sent again on such an answer.
     */
    private CompletableFuture<Void> reconcile() {
        return call(CrmEndpoint.ORDER_QUERY, CrmParams.orderQuery(entry.orderId())).thenCompose(result -> {
            if (result.outcome() == CrmResult.Outcome.TRANSPORT_FAILURE || result.outcome() == CrmResult.Outcome.NOT_SENT) {
                return retryLater("order_query", this::reconcile, true);
            }
            OrderReading reading = OrderReading.of(result, entry.orderId());
            ctx.metrics().reconciled(KIND, reading.tag());
            log.info("checkout {}: Order Query on CRM order {} reads {}", work.checkoutId(), entry.orderId(), reading);
            if (reading instanceof OrderReading.Complete complete) {
                return imported(complete.order(), true);
            }
            if (reading.notCharged()) {
                return partialReads.confirmedBy(Instant.now()) ? retryLater("order_import", this::submit, false)
                        : queryAgainAfterPartial();
            }
            if (reading instanceof OrderReading.Closed closed) {
                return decline(DeclineClass.TERMINAL, "crm_order_" + closed.tag(), false);
            }
            return retryLater("order_query", this::reconcile, true);
        });
    }

    /** PARTIAL read once: read it again once the confirm interval has passed, if the token lives that long. */
    private CompletableFuture<Void> queryAgainAfterPartial() {
        Duration wait = partialReads.untilConfirmable(Instant.now());
        if (!budget.leavesTimeFor(wait)) {
            return decline(DeclineClass.UNAVAILABLE, OUTCOME_UNSETTLED, true);
        }
        return ctx.lease().after(work.partition(), wait).thenCompose(v -> reconcile());
    }

    private CompletableFuture<Void> imported(CrmOrderView order, boolean settledByQuery) {
        String orderId = order.orderId() != null ? order.orderId() : entry.orderId();
        var record = ResultRecords.imported(work, order, orderId,
                order.items().stream().map(ResultRecords::item).toList(), settledByQuery);
        LedgerEntry settled = entry.imported(orderId, order.customerId(), order.productIds());
        // the event, its status and the ledger's final state: one transaction with the input offset
        return ctx.outputs().imported(work, record, ResultRecords.status(work, CheckoutStatus.IMPORTED, orderId, null),
                        settled)
                .thenRun(() -> {
                    entry = settled;
                    ctx.metrics().imported(KIND, settledByQuery);
                    log.info("checkout {} imported as CRM order {}{}", work.checkoutId(), orderId,
                            settledByQuery ? " (settled by Order Query)" : "");
                });
    }

    private CompletableFuture<Void> decline(DeclineClass declineClass, String reason, boolean unsettled) {
        Decline decline = ResultRecords.decline(declineClass, reason);
        String orderId = entry == null ? null : entry.orderId();
        String raw = lastAnswer == null ? null : lastAnswer.rawMessage();
        Map<String, String> fieldErrors = lastAnswer == null ? Map.of() : lastAnswer.fieldErrors();
        LedgerEntry declined = entry == null || entry.orderId() == null
                ? LedgerEntry.declinedWithoutOrder(work.checkoutId(), work.attempt(), declineClass.name(), reason)
                : entry.declined(declineClass.name(), reason, unsettled);
        return ctx.outputs().declined(work, ResultRecords.declined(work, decline, raw, fieldErrors, orderId),
                        ResultRecords.status(work, CheckoutStatus.DECLINED, null, decline), declined)
                .thenRun(() -> {
                    entry = declined;
                    ctx.metrics().declined(KIND, declineClass.name(), reason);
                    log.info("checkout {} attempt {} declined: {} {}", work.checkoutId(), work.attempt(),
                            declineClass, reason);
                });
    }

    @Override
    protected CompletableFuture<Void> retryBudgetExhausted(boolean unsettled) {
        return decline(DeclineClass.UNAVAILABLE, unsettled ? OUTCOME_UNSETTLED : RETRY_BUDGET_EXHAUSTED, unsettled);
    }
}
