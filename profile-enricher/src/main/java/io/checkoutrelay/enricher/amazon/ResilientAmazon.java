package io.checkoutrelay.enricher.amazon;

import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Calls to Login with Amazon without blocking the caller: each attempt runs on the bulkhead's
 * bounded pool (the bound on concurrent calls to Amazon) under the circuit breaker; transient
 * failures are retried by resilience4j with exponential backoff and jitter, scheduled on
 * {@code scheduler} (nobody sleeps), and never once the checkout's {@link CallBudget} deadline passed.
 */
public class ResilientAmazon {

    private final LoginWithAmazon amazon;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final ThreadPoolBulkhead bulkhead;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final EnricherMetrics metrics;
    private final CheckoutTracing tracing;

    public ResilientAmazon(LoginWithAmazon amazon, Retry retry, CircuitBreaker circuitBreaker,
            ThreadPoolBulkhead bulkhead, ScheduledExecutorService scheduler, Clock clock, EnricherMetrics metrics,
            CheckoutTracing tracing) {
        this.amazon = amazon;
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
        this.bulkhead = bulkhead;
        this.scheduler = scheduler;
        this.clock = clock;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    public CompletableFuture<TokenInfo> tokenInfo(String baseUrl, String token, CallBudget budget) {
        return call(AmazonEndpoint.TOKENINFO, budget, () -> amazon.tokenInfo(baseUrl, token));
    }

    public CompletableFuture<AmazonProfile> profile(String baseUrl, String token, CallBudget budget) {
        return call(AmazonEndpoint.PROFILE, budget, () -> amazon.profile(baseUrl, token));
    }

    private <T> CompletableFuture<T> call(AmazonEndpoint endpoint, CallBudget budget, Supplier<T> call) {
        AtomicInteger attempts = new AtomicInteger();
        Supplier<CompletionStage<T>> attempt = () -> {
            if (!clock.instant().isBefore(budget.deadline())) {
                return CompletableFuture.failedFuture(new RetryBudgetSpent(endpoint));
            }
            if (attempts.incrementAndGet() > 1) {
                metrics.amazonRetry(endpoint);
                budget.retrying();
            }
            return circuitBreaker.executeCompletionStage(() -> onBulkhead(call));
        };
        // one span for the call with its retries; what follows continues in the caller's context
        return tracing.inChildSpan("amazon " + endpoint.name().toLowerCase(java.util.Locale.ROOT),
                () -> retry.executeCompletionStage(scheduler, attempt).toCompletableFuture());
    }

    private <T> CompletionStage<T> onBulkhead(Supplier<T> call) {
        try {
            return bulkhead.executeSupplier(call);
        } catch (BulkheadFullException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
