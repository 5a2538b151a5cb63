package io.checkoutrelay.observability.trace;

import static org.assertj.core.api.Assertions.assertThat;

import brave.Tracing;
import brave.context.slf4j.MDCScopeDecorator;
import brave.propagation.ThreadLocalCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** With a real Brave tracer and W3C propagation, as the services run it. */
class CheckoutTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    private final Tracing brave = Tracing.newBuilder()
            .currentTraceContext(ThreadLocalCurrentTraceContext.newBuilder()
                    .addScopeDecorator(MDCScopeDecorator.get()).build())
            .propagationFactory(new W3CPropagation())
            .build();
    private final CheckoutTracing tracing = new CheckoutTracing(
            new BraveTracer(brave.tracer(), new BraveCurrentTraceContext(brave.currentTraceContext()),
                    new BraveBaggageManager()),
            new BravePropagator(brave));
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        otherThread.shutdownNow();
        brave.close();
    }

    @Test
    void aConsumedRecordIsProcessedInTheTraceItsHeadersCarryWithItsCheckoutIdInTheMdc() {
        List<String> seen = new ArrayList<>();
        Headers published = new RecordHeaders();

        tracing.inRecordSpan(record("c-1", PARENT), "enrich checkout", r -> {
            seen.add(MDC.get("checkoutId"));
            seen.add(MDC.get("traceId"));
            tracing.inject(published);
            return CompletableFuture.completedFuture(null);
        }).join();

        assertThat(seen).containsExactly("c-1", TRACE_ID);
        String traceparent = header(published, "traceparent");
        assertThat(traceparent).startsWith("00-" + TRACE_ID + "-").endsWith("-01")
                .as("a span of its own, child of the publisher's").isNotEqualTo(PARENT);
        assertThat(MDC.get("checkoutId")).as("nothing left behind on the loop's thread").isNull();
        assertThat(MDC.get("traceId")).isNull();
    }

    @Test
    void aRecordWithoutTraceStartsANewOne() {
        Headers published = new RecordHeaders();
        tracing.inRecordSpan(record("c-2", null), "enrich checkout", r -> {
            tracing.inject(published);
            return CompletableFuture.completedFuture(null);
        }).join();

        assertThat(header(published, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void whatFollowsAFutureCompletedOnAnotherThreadRunsInTheCheckoutsContext() {
        String afterHop = tracing.inRecordSpan(record("c-3", PARENT), "import order", r -> {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            otherThread.execute(() -> answer.complete(null)); // as a producer callback or HTTP thread does
            return tracing.keep(answer).thenApply(v -> MDC.get("checkoutId") + " " + MDC.get("traceId"));
        }).orTimeout(5, TimeUnit.SECONDS).join();

        assertThat(afterHop).isEqualTo("c-3 " + TRACE_ID);
    }

    @Test
    void withoutKeepTheOtherThreadKnowsNothingOfTheCheckout() {
        String afterHop = tracing.inRecordSpan(record("c-4", PARENT), "import order", r -> {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            CompletableFuture<String> seen = answer.thenApply(v -> MDC.get("checkoutId") + " " + MDC.get("traceId"));
            otherThread.execute(() -> answer.complete(null));
            return seen;
        }).orTimeout(5, TimeUnit.SECONDS).join();

        assertThat(afterHop).isEqualTo("null null");
    }

    @Test
    void aBoundTaskAndAChildSpanStayInTheCheckoutsTrace() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        tracing.inRecordSpan(record("c-5", PARENT), "enrich checkout", r -> {
            String recordSpan = MDC.get("spanId");
            Runnable task = tracing.bind(() -> seen.add(MDC.get("checkoutId") + " " + MDC.get("traceId")));
            otherThread.submit(task);
            return tracing.inChildSpan("amazon tokeninfo", () -> {
                seen.add("child " + MDC.get("traceId") + " " + !recordSpan.equals(MDC.get("spanId")));
                return CompletableFuture.supplyAsync(() -> null, otherThread);
            }).thenRun(() -> seen.add("after " + recordSpan.equals(MDC.get("spanId"))));
        }).orTimeout(5, TimeUnit.SECONDS).join();
        otherThread.shutdown();
        otherThread.awaitTermination(5, TimeUnit.SECONDS);

        assertThat(seen).containsExactlyInAnyOrder("c-5 " + TRACE_ID, "child " + TRACE_ID + " true",
                "after true");
    }

    @Test
    void injectingReplacesATraceparentCopiedFromTheInput() {
        Headers deadLetter = new RecordHeaders();
        deadLetter.add("traceparent", PARENT.getBytes(StandardCharsets.UTF_8));
        tracing.inRecordSpan(record("c-6", PARENT), "enrich checkout", r -> {
            tracing.inject(deadLetter);
            return CompletableFuture.completedFuture(null);
        }).join();

        assertThat(deadLetter.headers("traceparent")).hasSize(1);
        assertThat(header(deadLetter, "traceparent")).startsWith("00-" + TRACE_ID).isNotEqualTo(PARENT);
    }

    @Test
    void aFailedRecordStillEndsItsSpanAndFailsItsFuture() {
        CompletableFuture<Object> failed = tracing.inRecordSpan(record("c-7", PARENT), "enrich checkout", r -> {
            throw new IllegalStateException("boom");
        });
        assertThat(failed).failsWithin(Duration.ofSeconds(1));
        assertThat(MDC.get("checkoutId")).isNull();
    }

    private static ConsumerRecord<String, byte[]> record(String key, String traceparent) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("amazon.checkout.captured.v1", 0, 0, key,
                new byte[0]);
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static String header(Headers headers, String name) {
        return headers.lastHeader(name) == null ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
