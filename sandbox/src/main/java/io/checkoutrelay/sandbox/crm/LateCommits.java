package io.checkoutrelay.sandbox.crm;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.Resettable;
import jakarta.annotation.PreDestroy;

/**
 * Calls the CRM keeps working on after its gateway has answered (a 502/503/504 or a timeout): they are
 * applied later, on a timer thread. A reset drops the ones not yet applied.
 */
@Component
class LateCommits implements Resettable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-late-commit");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong generation = new AtomicLong();

    /** Runs {@code commit} after {@code delay} (at once when it is zero or negative), unless reset first. */
    void schedule(Runnable commit, Duration delay) {
        long scheduledIn = generation.get();
        timer.schedule(() -> {
            if (generation.get() == scheduledIn) {
                commit.run();
            }
        }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void reset() {
        generation.incrementAndGet();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
