package io.checkoutrelay.enricher.flow;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a record's processing until its output is durable. A failed run (the broker did not take the
 * output) is scheduled again after a growing pause instead of being skipped, so no checkout is lost
 * and its offset stays uncommitted meanwhile; re-running is harmless. Stops trying once the service
 * is stopping (the record is then left uncommitted for the next owner).
 */
final class PersistentRunner {

    private static final Logger log = LoggerFactory.getLogger(PersistentRunner.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final Function<ConsumerRecord<String, byte[]>, CompletableFuture<Void>> processing;
    private final ScheduledExecutorService scheduler;
    private final BooleanSupplier running;

    PersistentRunner(Function<ConsumerRecord<String, byte[]>, CompletableFuture<Void>> processing,
            ScheduledExecutorService scheduler, BooleanSupplier running) {
        this.processing = processing;
        this.scheduler = scheduler;
        this.running = running;
    }

    CompletableFuture<Void> run(ConsumerRecord<String, byte[]> record) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        attempt(record, durable, FIRST_PAUSE);
        return durable;
    }

    private void attempt(ConsumerRecord<String, byte[]> record, CompletableFuture<Void> durable, Duration pause) {
        CompletableFuture<Void> run;
        try {
            run = processing.apply(record);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenComplete((ok, failure) -> {
            if (failure == null) {
                durable.complete(null);
            } else if (!running.getAsBoolean()) {
                durable.completeExceptionally(failure);
            } else {
                log.warn("record {}-{}@{} not processed ({}); again in {} ms", record.topic(), record.partition(),
                        record.offset(), rootName(failure), pause.toMillis());
                Duration next = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
                scheduler.schedule(() -> attempt(record, durable, next), pause.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private static String rootName(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
