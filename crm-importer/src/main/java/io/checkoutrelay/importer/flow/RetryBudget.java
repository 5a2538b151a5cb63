package io.checkoutrelay.importer.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.github.resilience4j.core.IntervalFunction;

/**
 * How many more times, and when, one checkout may be retried: exponential backoff with jitter
 * (resilience4j's interval function), at most {@code maxRetries}, and never past the access token's
 * deadline (its expiry minus a safety margin).
 */
public final class RetryBudget {

    private final IntervalFunction backoff;
    private final int maxRetries;
    private final Instant deadline;
    private int retries;

    public RetryBudget(IntervalFunction backoff, int maxRetries, Instant deadline) {
        this.backoff = backoff;
        this.maxRetries = maxRetries;
        this.deadline = deadline;
    }

    /** The wait before the next retry, or empty when the budget is spent. */
    public Optional<Duration> nextDelay() {
        return nextDelay(Duration.ZERO);
    }

    /** As above, waiting at least {@code atLeast} (what the CRM asked for with {@code Retry-After}). */
    public Optional<Duration> nextDelay(Duration atLeast) {
        retries++;
        if (retries > maxRetries) {
            return Optional.empty();
        }
        Duration backedOff = Duration.ofMillis(backoff.apply(retries));
        Duration delay = backedOff.compareTo(atLeast) < 0 ? atLeast : backedOff;
        return Instant.now().plus(delay).isBefore(deadline) ? Optional.of(delay) : Optional.empty();
    }

    /** True when a wait of {@code delay} from now still ends before the deadline. */
    public boolean leavesTimeFor(Duration delay) {
        return Instant.now().plus(delay).isBefore(deadline);
    }

    public boolean tokenExpired() {
        return !Instant.now().isBefore(deadline);
    }

    public int retries() {
        return retries;
    }
}
