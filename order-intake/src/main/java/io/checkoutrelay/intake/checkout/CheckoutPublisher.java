package io.checkoutrelay.intake.checkout;

import io.checkoutrelay.intake.config.IntakeProperties;
import io.checkoutrelay.intake.status.StatusBoard;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes an accepted checkout durable: the captured record (idempotent producer, acks=all) is the one
 * acknowledgement the answer waits for. Once the broker has acknowledged it, the checkout is ACCEPTED
 * in this replica's view (so a status poll or a resubmission right after the 202 finds it) and its
 * ACCEPTED status record is sent, after the captured record and never instead of it, without the
 * answer waiting for that second acknowledgement: a status record that fails is logged and does not
 * undo the acceptance (the next stage writes the status again). So the status topic never says
 * ACCEPTED for a captured record the broker has not acknowledged, and a checkout costs one round trip
 * to the broker, not two in a row. The returned future fails when the captured record was not
 * acknowledged within the publish timeout.
 *
 * <p>The status record is sent from a thread of its own, never from the producer's I/O thread that
 * completes the captured record's future: a send there blocks that very thread while it waits for
 * metadata (the first status after start, or after metadata expired), so the metadata never comes,
 * every callback in the batch waits {@code max-block}, and the intake answers 503 for minutes
 * (found by the benchmark: 4 of 64 checkouts accepted in the first 12 s under 32 connections).
 */
@Component
public class CheckoutPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckoutPublisher.class);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final CaptureRecords records;
    private final StatusBoard board;
    private final Duration timeout;
    private final CheckoutTracing tracing;
    private final ExecutorService statusSender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "intake-status-sender");
        thread.setDaemon(true);
        return thread;
    });

    public CheckoutPublisher(KafkaTemplate<String, SpecificRecord> kafka, CaptureRecords records, StatusBoard board,
                             IntakeProperties properties, CheckoutTracing tracing) {
        this.kafka = kafka;
        this.records = records;
        this.board = board;
        this.timeout = properties.publish().timeout();
        this.tracing = tracing;
    }

    public CompletableFuture<CheckoutStatusChanged> publish(AmazonCheckoutCaptured captured) {
        String checkoutId = captured.getCheckoutId();
        CheckoutStatusChanged accepted = records.accepted(captured);
        CompletableFuture<?> durable;
        try {
            durable = kafka.send(Topics.CHECKOUT_CAPTURED.name(), checkoutId, captured);
        } catch (RuntimeException e) {
            durable = CompletableFuture.failedFuture(e);
        }
        // the status record and whatever follows stay in the request's trace and log context
        return tracing.keep(durable.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .thenApply(sent -> {
                    board.record(accepted);
                    sendStatus(accepted);
                    return accepted;
                });
    }

    /** Status records still queued are handed to the producer before it closes (and flushes them). */
    @Override
    public void close() throws InterruptedException {
        statusSender.shutdown();
        statusSender.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendStatus(CheckoutStatusChanged accepted) {
        try {
            statusSender.execute(tracing.bind(() -> publishStatus(accepted)));
        } catch (RejectedExecutionException e) { // shutting down: the checkout stays accepted all the same
            notWritten(accepted, e);
        }
    }

    private void publishStatus(CheckoutStatusChanged status) {
        String key = status.getKind() == CheckoutKind.UPSELL
                ? Topics.upsellStatusKey(status.getCheckoutId(), status.getUpsellId()) : status.getCheckoutId();
        try {
            tracing.keep(kafka.send(Topics.CHECKOUT_STATUS.name(), key, status)).whenComplete((sent, error) -> {
                if (error != null) {
                    notWritten(status, error);
                }
            });
        } catch (RuntimeException e) {
            notWritten(status, e);
        }
    }

    private static void notWritten(CheckoutStatusChanged status, Throwable error) {
        log.warn("checkout {} accepted, but its ACCEPTED status was not written: {}", status.getCheckoutId(),
                error.getClass().getSimpleName());
    }
}
