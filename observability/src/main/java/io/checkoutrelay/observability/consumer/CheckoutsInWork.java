package io.checkoutrelay.observability.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checkouts this instance is working on (in flight or waiting to retry an external call), by capture
 * time: the age of the oldest tells how close a stuck checkout is to its token's 60-minute death.
 */
public final class CheckoutsInWork {

    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    public CheckoutsInWork(Clock clock) {
        this.clock = clock;
    }

    /** Counts the checkout as held until {@code settled} completes (either way). */
    public <T> CompletableFuture<T> hold(Instant capturedAt, CompletableFuture<T> settled) {
        Held one = new Held(capturedAt);
        held.add(one);
        settled.whenComplete((v, e) -> held.remove(one));
        return settled;
    }

    /** Seconds since the capture of the oldest checkout held; 0 when none is. */
    public double oldestAgeSeconds() {
        Instant now = clock.instant();
        return held.stream().map(Held::capturedAt).min(Instant::compareTo)
                .map(oldest -> Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0)).orElse(0.0);
    }

    public int size() {
        return held.size();
    }

    /** Identity matters: two records of one checkout are held twice. */
    private static final class Held {
        private final Instant capturedAt;

        Held(Instant capturedAt) {
            this.capturedAt = capturedAt;
        }

        Instant capturedAt() {
            return capturedAt;
        }
    }
}
