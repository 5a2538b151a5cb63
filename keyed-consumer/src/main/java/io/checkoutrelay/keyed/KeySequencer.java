package io.checkoutrelay.keyed;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after another per key and concurrently across keys: a task starts (on
 * {@code workers}) when the previous task of its key has finished, successfully or not. Keys without
 * pending work hold no memory.
 */
final class KeySequencer {

    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Executor workers;

    KeySequencer(Executor workers) {
        this.workers = workers;
    }

    CompletableFuture<Void> submit(String key, Supplier<CompletableFuture<Void>> task) {
        CompletableFuture<Void> turn = new CompletableFuture<>();
        CompletableFuture<Void> run = turn.thenComposeAsync(ignored -> startSafely(task), workers);
        CompletableFuture<Void> previous = tails.put(key, run);
        run.whenComplete((ignored, failure) -> tails.remove(key, run));
        if (previous == null) {
            turn.complete(null);
        } else {
            previous.whenComplete((ignored, failure) -> turn.complete(null));
        }
        return run;
    }

    /** Keys with work pending. */
    int activeKeys() {
        return tails.size();
    }

    private static CompletableFuture<Void> startSafely(Supplier<CompletableFuture<Void>> task) {
        try {
            return task.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
