package io.checkoutrelay.observability.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;

/**
 * One checkout's trace and log context: its span (W3C {@code traceparent} in Kafka headers,
 * {@code traceId}/{@code spanId} in the MDC) and its {@code checkoutId} in the MDC. The processing of
 * a record hops threads (HTTP client, bulkhead, timer and Kafka producer threads), and a thread-local
 * context does not follow on its own: the stage that hands work or a result to another thread binds
 * it with {@link #bind(Runnable)} or {@link #keep(CompletableFuture)}, so every later stage logs with
 * the checkoutId and traceId and every record published continues the trace.
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
     * Processes one consumed record in a span of its own that continues the trace in the record's
     * headers (a new trace when they carry none), with the record key (the checkoutId) in the MDC.
     * The returned future completes within that context, and the span ends when the work is done.
     */
    public <V, T> CompletableFuture<T> inRecordSpan(ConsumerRecord<String, V> record, String name,
            Function<ConsumerRecord<String, V>, CompletableFuture<T>> work) {
        Span span = propagator.extract(record.headers(), HEADER_GETTER).name(name).kind(Span.Kind.CONSUMER)
                .tag("messaging.destination.name", record.topic()).start();
        return inSpan(span, record.key(), null, () -> work.apply(record));
    }

    /** A call to another system (Amazon, the CRM) as a child span of the current one. */
    public <T> CompletableFuture<T> inChildSpan(String name, Supplier<CompletableFuture<T>> call) {
        Context caller = current();
        Span span = tracer.nextSpan().name(name).start();
        return inSpan(span, MDC.get(CHECKOUT_ID), caller, call);
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

    /** Runs {@code work} in {@code span}; what follows its future runs in {@code resumeIn} (null: in the span). */
    private <T> CompletableFuture<T> inSpan(Span span, String checkoutId, Context resumeIn,
            Supplier<CompletableFuture<T>> work) {
        Context context = new Context(span, checkoutId);
        CompletableFuture<T> result;
        try (Scope ignored = context.open()) {
            result = work.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return (resumeIn == null ? context : resumeIn).keep(result.whenComplete((done, failure) -> {
            if (failure != null) {
                span.error(failure);
            }
            span.end();
        }));
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
