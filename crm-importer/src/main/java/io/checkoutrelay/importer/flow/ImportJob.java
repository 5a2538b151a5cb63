package io.checkoutrelay.importer.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.checkoutrelay.importer.crm.CrmEndpoint;
import io.checkoutrelay.importer.crm.CrmResult;
import io.checkoutrelay.importer.ledger.LedgerEntry;
import io.checkoutrelay.schemas.CheckoutStatus;

/**
 * What an order's and an upsell's import have in common: CRM calls only while this instance owns the
 * partition, ledger writes, status changes, and retries scheduled after a backoff within the budget.
 */
abstract class ImportJob {

    /** The retry budget ended with nothing pending at the CRM. */
    static final String RETRY_BUDGET_EXHAUSTED = "retry_budget_exhausted";
    /** The budget ended while the outcome of a money-moving call was still unknown: a replay settles it first. */
    static final String OUTCOME_UNSETTLED = "outcome_unsettled";

    protected final FlowContext ctx;
    protected final Work work;
    protected final RetryBudget budget;
    protected LedgerEntry entry;
    protected CrmResult lastAnswer;
    private boolean retryingAnnounced;

    ImportJob(FlowContext ctx, Work work, RetryBudget budget) {
        this.ctx = ctx;
        this.work = work;
        this.budget = budget;
    }

    /** Declines UNAVAILABLE once no retry is left. */
    protected abstract CompletableFuture<Void> retryBudgetExhausted(boolean unsettled);

    /**
     * Schedules {@code next} after a backoff (at least the {@code Retry-After} of a CRM that answered 429),
     * or declines UNAVAILABLE when the budget is spent.
     */
    protected CompletableFuture<Void> retryLater(String step, Supplier<CompletableFuture<Void>> next, boolean unsettled) {
        Duration asked = lastAnswer == null || lastAnswer.retryAfter() == null ? Duration.ZERO : lastAnswer.retryAfter();
        var delay = budget.nextDelay(asked);
        if (delay.isEmpty()) {
            return retryBudgetExhausted(unsettled);
        }
        ctx.metrics().retried(step);
        CompletableFuture<Void> announced = retryingAnnounced ? CompletableFuture.completedFuture(null)
                : status(CheckoutStatus.RETRYING);
        retryingAnnounced = true;
        return announced.thenCompose(v -> ctx.lease().after(work.partition(), delay.get()))
                .thenCompose(v -> next.get());
    }

    protected CompletableFuture<CrmResult> call(CrmEndpoint endpoint, Map<String, String> params) {
        ctx.lease().requireOwned(work.partition());
        return ctx.crm().call(endpoint, params, List.of(work.accessToken()),
                () -> ctx.lease().owns(work.partition())).thenApply(result -> {
            lastAnswer = result;
            return result;
        });
    }

    /**
     * A ledger write that leads to a CRM call (LEAD, SUBMITTING): only while the partition is owned, and
     * committed in a transaction fenced by the consumer group before the call is made, so an instance
     * that lost the partition fails here. Settled outcomes are written by {@link Outputs} with the result.
     */
    protected CompletableFuture<Void> write(LedgerEntry changed) {
        ctx.lease().requireOwned(work.partition());
        return ctx.ledger().write(work.partition(), changed).thenAccept(written -> entry = written);
    }

    protected CompletableFuture<Void> status(CheckoutStatus status) {
        return ctx.outputs().status(work, ResultRecords.status(work, status, null, null));
    }
}
