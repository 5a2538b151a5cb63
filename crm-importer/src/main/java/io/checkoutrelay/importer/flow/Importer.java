package io.checkoutrelay.importer.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.checkoutrelay.importer.config.ImporterProperties;
import io.checkoutrelay.schemas.CheckoutKind;
import io.github.resilience4j.core.IntervalFunction;

/** Runs the job for one decoded record: an order or an upsell. */
public class Importer {

    private final FlowContext ctx;
    private final ImporterProperties.Retry retry;
    private final IntervalFunction backoff;

    public Importer(FlowContext ctx, ImporterProperties.Retry retry) {
        this.ctx = ctx;
        this.retry = retry;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(retry.initialBackoff(), retry.multiplier(),
                retry.jitter(), retry.maxBackoff());
    }

    /**
     * @throws BeyondLedgerHorizon for a record captured before the ledger's horizon of a checkout the
     *                             ledger does not hold (its entry may have been forgotten): nothing is sent
     */
    public CompletableFuture<Void> importRecord(Work work) {
        ctx.lease().requireOwned(work.partition());
        Instant capturedAt = work.captured().getCapturedAt();
        if (ctx.ledger().mayHaveForgotten(capturedAt) && ctx.ledger().get(work.partition(), work.checkoutId()).isEmpty()) {
            throw new BeyondLedgerHorizon(work.checkoutId(), capturedAt, ctx.ledger().horizon());
        }
        RetryBudget budget = new RetryBudget(backoff, retry.maxRetries(),
                work.tokenDeadline().minus(retry.tokenSafetyMargin()));
        CompletableFuture<Void> settled = work.captured().getKind() == CheckoutKind.UPSELL
                ? new UpsellJob(ctx, work, budget).run() : new OrderJob(ctx, work, budget).run();
        return ctx.metrics().inWork().hold(work.captured().getCapturedAt(), settled);
    }

    /** The access token dies at tokenExpiresAt, and at the latest 60 minutes after capture. */
    public static Instant tokenDeadline(Instant capturedAt, Instant tokenExpiresAt) {
        Instant latest = capturedAt.plus(Duration.ofMinutes(60));
        return tokenExpiresAt != null && tokenExpiresAt.isBefore(latest) ? tokenExpiresAt : latest;
    }
}
