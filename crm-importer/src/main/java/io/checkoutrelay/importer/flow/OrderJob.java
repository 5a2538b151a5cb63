package io.checkoutrelay.importer.flow;

import java.util.Locale;
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
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.Decline;
import io.checkoutrelay.schemas.DeclineClass;

/**
 * Drives one order record to exactly one CRM order or one decline:
 * Import Lead → ledger LEAD → ledger SUBMITTING (durable) → Import Order. An unknown outcome is settled
 * by Order Query before anything is sent again; so is a checkout found SUBMITTING in the ledger.
 */
final class OrderJob extends ImportJob {

    private static final Logger log = LoggerFactory.getLogger(OrderJob.class);
    private static final String KIND = "order";


    OrderJob(FlowContext ctx, Work work, RetryBudget budget) {
        super(ctx, work, budget);
    }

    CompletableFuture<Void> run() {
        Optional<LedgerEntry> existing = ctx.ledger().get(work.partition(), work.checkoutId());
        if (existing.isPresent() && !mayProceed(existing.get())) {
            ctx.metrics().skippedDuplicate(KIND);
            log.info("checkout {} attempt {} already {} (attempt {}): nothing sent", work.checkoutId(),
                    work.attempt(), existing.get().state(), existing.get().attempt());
            return CompletableFuture.completedFuture(null);
        }
        entry = existing.orElse(null);
        return status(CheckoutStatus.IMPORTING).thenCompose(v -> {
            if (entry == null || entry.orderId() == null) {
                return importLead();
            }
            if (entry.state() == LedgerState.SUBMITTING || entry.unsettled()) {
                // a previous owner may have a request still inside the CRM: let it finish, then ask
                return ctx.lease().after(work.partition(), ctx.settleDelay()).thenCompose(w -> reconcile());
            }
            return submit();
        });
    }

    /** IMPORTED never again; DECLINED only for a new attempt after CUSTOMER_ACTION, or a replay of UNAVAILABLE. */
    private boolean mayProceed(LedgerEntry existing) {
        if (existing.state() == LedgerState.IMPORTED) {
            return false;
        }
        if (existing.state() == LedgerState.DECLINED) {
            boolean newAttempt = work.attempt() > existing.attempt()
                    && DeclineClass.CUSTOMER_ACTION.name().equals(existing.declineClass());
            boolean replay = DeclineClass.UNAVAILABLE.name().equals(existing.declineClass())
                    && work.attempt() >= existing.attempt();
            return newAttempt || replay;
        }
        return work.attempt() >= existing.attempt();
    }

    private CompletableFuture<Void> importLead() {
        return call(CrmEndpoint.LEADS_IMPORT, CrmParams.importLead(work)).thenCompose(result -> {
            if (result.succeeded()) {
                String orderId = CrmOrderView.from(result.message()).orderId();
                if (orderId == null) {
                    return retryLater("leads_import", this::importLead, false);
                }
                return write(LedgerEntry.lead(work.checkoutId(), orderId, work.attempt())).thenCompose(v -> submit());
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
                    : decline(DeclineClass.UNAVAILABLE, "retry_budget_exhausted", false);
        }
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
                        case UNKNOWN -> ctx.beforeQuery(work.partition(), result).thenCompose(v -> reconcile());
                    };
                });
    }

    /** Order Query decides an unknown outcome: COMPLETE → imported, DECLINED → declined, PARTIAL → send again. */
    private CompletableFuture<Void> reconcile() {
        return call(CrmEndpoint.ORDER_QUERY, CrmParams.orderQuery(entry.orderId())).thenCompose(result -> {
            if (result.noMatchingOrder()) {
                ctx.metrics().reconciled(KIND, "not_found");
                return retryLater("order_import", this::submit, false);
            }
            if (!result.succeeded()) {
                return retryLater("order_query", this::reconcile, true);
            }
            Optional<CrmOrderView> order = CrmOrderView.firstOfQuery(result.message());
            String status = order.map(CrmOrderView::orderStatus).orElse("").toUpperCase(Locale.ROOT);
            ctx.metrics().reconciled(KIND, status.isEmpty() ? "not_found" : status.toLowerCase(Locale.ROOT));
            log.info("checkout {}: Order Query says CRM order {} is {}", work.checkoutId(), entry.orderId(), status);
            return switch (status) {
                case "COMPLETE" -> imported(order.get(), true);
                case "PARTIAL", "" -> retryLater("order_import", this::submit, false);
                case "DECLINED" -> entry.declinedBefore() ? retryLater("order_import", this::submit, false)
                        : decline(DeclineClass.TERMINAL, DeclineClassifier.CRM_DECLINED, false);
                default -> decline(DeclineClass.TERMINAL, "crm_order_" + status.toLowerCase(Locale.ROOT), false);
            };
        });
    }

    private CompletableFuture<Void> imported(CrmOrderView order, boolean settledByQuery) {
        String orderId = order.orderId() != null ? order.orderId() : entry.orderId();
        var record = ResultRecords.imported(work, order, orderId,
                order.items().stream().map(ResultRecords::item).toList(), settledByQuery);
        LedgerEntry settled = entry.imported(order.customerId(), order.productIds());
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
        return decline(DeclineClass.UNAVAILABLE, "retry_budget_exhausted", unsettled);
    }
}
