package io.checkoutrelay.enricher.amazon;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The limits of one checkout's calls to Amazon: no attempt starts at or after {@code deadline} (the
 * token's end of life, or the retry window, whichever is first), and {@code onFirstRetry} runs once
 * per checkout, before its first retry (the enricher publishes RETRYING then).
 */
public final class CallBudget {

    private final Instant deadline;
    private final Runnable onFirstRetry;
    private final AtomicBoolean retried;

    public CallBudget(Instant deadline, Runnable onFirstRetry) {
        this(deadline, onFirstRetry, new AtomicBoolean());
    }

    private CallBudget(Instant deadline, Runnable onFirstRetry, AtomicBoolean retried) {
        this.deadline = deadline;
        this.onFirstRetry = onFirstRetry;
        this.retried = retried;
    }

    public Instant deadline() {
        return deadline;
    }

    /** The same checkout's budget, ending at {@code other} if that is earlier. */
    public CallBudget until(Instant other) {
        return other.isBefore(deadline) ? new CallBudget(other, onFirstRetry, retried) : this;
    }

    void retrying() {
        if (retried.compareAndSet(false, true)) {
            onFirstRetry.run();
        }
    }
}
