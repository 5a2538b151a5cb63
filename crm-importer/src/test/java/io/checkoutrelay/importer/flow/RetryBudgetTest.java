package io.checkoutrelay.importer.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.resilience4j.core.IntervalFunction;

/** The backoff, at least what a CRM's 429 asked for with Retry-After, never past the token's deadline. */
class RetryBudgetTest {

    private final RetryBudget budget = new RetryBudget(IntervalFunction.of(Duration.ofMillis(100)), 5,
            Instant.now().plusSeconds(60));

    @Test
    void aRetryAfterLongerThanTheBackoffIsHonoured() {
        assertThat(budget.nextDelay()).contains(Duration.ofMillis(100));
        assertThat(budget.nextDelay(Duration.ofSeconds(3))).contains(Duration.ofSeconds(3));
        assertThat(budget.nextDelay(Duration.ofMillis(20))).contains(Duration.ofMillis(100));
    }

    @Test
    void aRetryAfterPastTheTokensDeadlineEndsTheBudget() {
        assertThat(budget.nextDelay(Duration.ofMinutes(2))).isEmpty();
    }
}
