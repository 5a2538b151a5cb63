package io.checkoutrelay.intake.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;

/**
 * One checkout's trace and log context: the span of the request that submitted it (W3C
 * {@code traceparent} in the headers of every record published for it, {@code traceId}/{@code spanId}
 * in the MDC) and its {@code checkoutId} in the MDC. The request's futures complete on Kafka producer
 * and status threads, and a thread-local context does not follow on its own: {@link #keep} restores
 * it for whatever runs after such a future, so those stages log with the checkoutId and traceId and
 * the status record continues the request's trace.
 */
public final class CheckoutTracing {

    /** The MDC key (a JSON field in structured logs). */
    public static final String CHECKOUT_ID = "checkoutId";

    private static final Propagator.Getter<Headers> HEADER_GETTER = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };
    private static final Propagator.Setter<Headers> HEADER_SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private final Tracer tracer;
    private final Propagator propagator;

    public CheckoutTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No spans, no headers; the checkoutId still reaches the MDC. For tests that do not look at traces. */
    public static CheckoutTracing noop() {
        return new CheckoutTracing(Tracer.NOOP, Propagator.NOOP);
    }

    /**
     * Puts the checkoutId into the MDC for the rest of this request's handling on this thread, within
     * the request's span; {@link #keep} carries both to the threads that complete its futures.
     */
    public Scope withCheckoutId(String checkoutId) {
        return new Context(tracer.currentSpan(), checkoutId).open();
    }

    /** The context of this thread, to restore on another. */
    public Context current() {
        return new Context(tracer.currentSpan(), MDC.get(CHECKOUT_ID));
    }

    /** {@code task} runs, wherever it runs, in the context of the caller. */
    public Runnable bind(Runnable task) {
        Context context = current();
        return () -> context.run(task);
    }

    /** A future that completes as {@code future} does, its dependent stages running in the caller's context. */
    public <T> CompletableFuture<T> keep(CompletableFuture<T> future) {
        return current().keep(future);
    }

    /** Puts the current trace context into the record's headers as {@code traceparent} (replacing any). */
    public void inject(Headers headers) {
        Span span = tracer.currentSpan();
        if (span != null) {
            propagator.inject(span.context(), headers, HEADER_SETTER);
        }
    }

    /** For a KafkaTemplate: every record it sends carries the sender's trace context. */
    public <K, V> ProducerInterceptor<K, V> headerInjector() {
        return new ProducerInterceptor<>() {
            @Override
            public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
                inject(record.headers());
                return record;
            }

            @Override
            public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            }

            @Override
            public void close() {
            }

            @Override
            public void configure(Map<String, ?> configs) {
            }
        };
    }

    /** An open context; closing it restores what the thread had before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** A span and a checkoutId, captured on one thread to be restored on another. */
    public final class Context {

        private final Span span;
        private final String checkoutId;

        private Context(Span span, String checkoutId) {
            this.span = span;
            this.checkoutId = checkoutId;
        }

        public Scope open() {
            Tracer.SpanInScope spanScope = tracer.withSpan(span);
            String previous = MDC.get(CHECKOUT_ID);
            putOrRemove(checkoutId);
            return () -> {
                putOrRemove(previous);
                spanScope.close();
            };
        }

        public void run(Runnable task) {
            try (Scope ignored = open()) {
                task.run();
            }
        }

        public <T> CompletableFuture<T> keep(CompletableFuture<T> future) {
            CompletableFuture<T> kept = new CompletableFuture<>();
            future.whenComplete((value, failure) -> run(() -> {
                if (failure != null) {
                    kept.completeExceptionally(failure);
                } else {
                    kept.complete(value);
                }
            }));
            return kept;
        }

        private static void putOrRemove(String checkoutId) {
            if (checkoutId == null) {
                MDC.remove(CHECKOUT_ID);
            } else {
                MDC.put(CHECKOUT_ID, checkoutId);
            }
        }
    }
}
