package io.checkoutrelay.enricher.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Retry with backoff, circuit breaker and bulkhead around a scripted Amazon, without Kafka or HTTP. */
class ResilientAmazonTest {

    private static final int MAX_ATTEMPTS = 4;
    private static final int CONCURRENT = 3;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScriptedAmazon script = new ScriptedAmazon(new EnricherMetrics(registry));
    private final CircuitBreaker breaker = CircuitBreaker.of("amazon", CircuitBreakerConfig.custom()
            .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofMinutes(1))
            .recordExceptions(AmazonUnavailable.class).ignoreExceptions(AmazonRejectedToken.class).build());
    private final ThreadPoolBulkhead bulkhead = ThreadPoolBulkhead.of("amazon", ThreadPoolBulkheadConfig.custom()
            .coreThreadPoolSize(CONCURRENT).maxThreadPoolSize(CONCURRENT).queueCapacity(100).build());
    private final Retry retry = Retry.of("amazon", RetryConfig.custom().maxAttempts(MAX_ATTEMPTS)
            .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(20), 2.0, 0.5))
            .retryExceptions(AmazonUnavailable.class, CallNotPermittedException.class).build());
    private final ResilientAmazon amazon = new ResilientAmazon(script, retry, breaker, bulkhead, scheduler,
            Clock.systemUTC(), new EnricherMetrics(registry), CheckoutTracing.noop());
    private final AtomicInteger retryingSignals = new AtomicInteger();
    private final CallBudget budget = new CallBudget(Instant.now().plusSeconds(60), retryingSignals::incrementAndGet);

    @AfterEach
    void stop() throws Exception {
        scheduler.shutdownNow();
        bulkhead.close();
    }

    @Test
    void transientFailuresAreRetriedUntilTheCallSucceedsAndRetryingIsSignalledOnce() throws Exception {
        script.answers(unavailable(), unavailable(), ok());
        TokenInfo info = amazon.tokenInfo("http://amazon", "t", budget).get(5, TimeUnit.SECONDS);
        assertThat(info.aud()).isEqualTo("us");
        assertThat(script.calls.get()).isEqualTo(3);
        assertThat(retryingSignals).hasValue(1);
        assertThat(registry.get("enricher.amazon.retries").tag("endpoint", "tokeninfo").counter().count()).isEqualTo(2);
    }

    @Test
    void retriesStopAfterTheBudgetOfAttempts() {
        script.answers(unavailable());
        CompletableFuture<TokenInfo> call = amazon.tokenInfo("http://amazon", "t", budget);
        assertThat(call).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingRootCause()
                .isInstanceOf(AmazonUnavailable.class);
        assertThat(script.calls.get()).isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void aRejectedTokenIsNeverRetried() {
        script.answers(() -> {
            throw new AmazonRejectedToken(AmazonEndpoint.TOKENINFO, 401, "invalid_token");
        });
        assertThat(amazon.tokenInfo("http://amazon", "t", budget)).failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().havingRootCause().isInstanceOf(AmazonRejectedToken.class);
        assertThat(script.calls.get()).isEqualTo(1);
        assertThat(retryingSignals).hasValue(0);
    }

    @Test
    void noAttemptStartsOnceTheTokensLifeIsOver() {
        script.answers(ok());
        CallBudget over = new CallBudget(Instant.now().minusSeconds(1), retryingSignals::incrementAndGet);
        assertThat(amazon.tokenInfo("http://amazon", "t", over)).failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().havingRootCause().isInstanceOf(RetryBudgetSpent.class);
        assertThat(script.calls.get()).isZero();
    }

    @Test
    void retriesStopAtTheDeadlineEvenWithAttemptsLeft() {
        script.answers(unavailable());
        Retry slow = Retry.of("slow", RetryConfig.custom().maxAttempts(100).waitDuration(Duration.ofMillis(150))
                .retryExceptions(AmazonUnavailable.class).build());
        ResilientAmazon patient = new ResilientAmazon(script, slow, breaker, bulkhead, scheduler, Clock.systemUTC(),
                new EnricherMetrics(registry), CheckoutTracing.noop());
        CallBudget shortLife = new CallBudget(Instant.now().plusMillis(400), () -> { });
        assertThat(patient.tokenInfo("http://amazon", "t", shortLife)).failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().havingRootCause().isInstanceOf(RetryBudgetSpent.class);
        assertThat(script.calls.get()).isBetween(2, 4);
    }

    @Test
    void anOpenCircuitStopsCallingAmazon() {
        script.answers(unavailable());
        Retry once = Retry.of("once", RetryConfig.custom().maxAttempts(1).build());
        ResilientAmazon direct = new ResilientAmazon(script, once, breaker, bulkhead, scheduler, Clock.systemUTC(),
                new EnricherMetrics(registry), CheckoutTracing.noop());
        for (int i = 0; i < 4; i++) {
            direct.tokenInfo("http://amazon", "t", budget).exceptionally(e -> null).join();
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int before = script.calls.get();
        assertThat(direct.tokenInfo("http://amazon", "t", budget)).failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().havingRootCause().isInstanceOf(CallNotPermittedException.class);
        assertThat(script.calls.get()).isEqualTo(before);
    }

    @Test
    void theBulkheadBoundsConcurrentCallsAndTheCallerIsNeverBlocked() {
        script.answers(() -> {
            sleep(100);
            return ok().get();
        });
        long started = System.nanoTime();
        List<CompletableFuture<TokenInfo>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(amazon.tokenInfo("http://amazon", "t", budget));
        }
        long submitMillis = (System.nanoTime() - started) / 1_000_000;
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        assertThat(submitMillis).as("submitting does not wait for calls").isLessThan(100);
        assertThat(script.peak.get()).isEqualTo(CONCURRENT);
    }

    private static Supplier<TokenInfo> ok() {
        return () -> new TokenInfo("us", "user", 3600L);
    }

    private static Supplier<TokenInfo> unavailable() {
        return () -> {
            throw new AmazonUnavailable(AmazonEndpoint.TOKENINFO, "http_5xx", "503");
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new CompletionException(e);
        }
    }

    /** Answers tokeninfo from a script (the last answer repeats) and records concurrency. */
    static final class ScriptedAmazon extends LoginWithAmazon {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        private volatile List<Supplier<TokenInfo>> answers = List.of();

        ScriptedAmazon(EnricherMetrics metrics) {
            super(LoginWithAmazon.httpClient(Duration.ofSeconds(1), Duration.ofSeconds(1), 1), JsonMapper.builder().build(), metrics);
        }

        @SafeVarargs
        final void answers(Supplier<TokenInfo>... script) {
            answers = List.of(script);
        }

        @Override
        public TokenInfo tokenInfo(String baseUrl, String token) {
            int call = calls.incrementAndGet();
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return answers.get(Math.min(call, answers.size()) - 1).get();
            } finally {
                running.decrementAndGet();
            }
        }
    }
}
