package io.checkoutrelay.keyed;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A service in miniature: each record takes {@code work} (no thread sleeps), then its value goes to the
 * output topic, committed with the record's offset. Remembers what it handled and how many at once.
 */
final class Echo implements RecordHandler {

    final String name;
    final Queue<String> handled = new ConcurrentLinkedQueue<>();
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    private final String output;
    private final Outbox outbox;
    private volatile Function<String, Duration> work;

    Echo(String name, String output, Outbox outbox, Duration work) {
        this.name = name;
        this.output = output;
        this.outbox = outbox;
        work(work);
    }

    void work(Duration work) {
        this.work = value -> work;
    }

    /** How long each value's work takes. */
    void work(Function<String, Duration> work) {
        this.work = work;
    }

    @Override
    public CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record) {
        String value = new String(record.value());
        handled.add(value);
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        return CompletableFuture.runAsync(() -> concurrent.decrementAndGet(),
                        CompletableFuture.delayedExecutor(work.apply(value).toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(v -> outbox.finish(record.partition(), record.offset(),
                        List.of(new ProducerRecord<>(output, record.key(), value))));
    }
}
