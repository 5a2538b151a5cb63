package io.checkoutrelay.keyed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where work puts what it writes to Kafka. Writes are not sent at once: the loop gathers everything
 * queued since its last commit into one Kafka transaction (group commit) together with the input
 * offsets of finished records, fenced by the consumer group's current generation (KIP-447). A write's
 * future completes once that transaction is committed, and fails when it was aborted (a broker error,
 * or this instance no longer a member of the generation that owns the partition: a zombie).
 *
 * <p>Never call an external API inside a write's callback chain expecting it to be part of the
 * transaction: a transaction is open only on the loop thread, for the few milliseconds of its commit.
 */
public final class Outbox {

    private final ConcurrentLinkedQueue<Write> queue = new ConcurrentLinkedQueue<>();
    private final Executor completions;

    /** Committed writes complete on two threads of the outbox's own (the common pool has one thread on two cores). */
    public Outbox() {
        this(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "outbox-completions");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** @param completions where the futures of committed writes complete (never the loop thread) */
    public Outbox(Executor completions) {
        this.completions = completions;
    }

    /**
     * Records written while the record from {@code partition} is in work (a status change, a ledger
     * state that must be durable before an external call). Committed in the next transaction, only
     * while the partition is assigned to this instance's current generation.
     */
    public CompletableFuture<Void> write(int partition, List<ProducerRecord<String, Object>> records) {
        return enqueue(new Write(partition, -1, List.copyOf(records), new CompletableFuture<>()));
    }

    /**
     * A record's final outputs, committed in the same transaction as its offset: downstream sees them
     * exactly once, and a crash either keeps both or neither.
     */
    public CompletableFuture<Void> finish(int partition, long offset, List<ProducerRecord<String, Object>> records) {
        return enqueue(new Write(partition, offset, List.copyOf(records), new CompletableFuture<>()));
    }

    boolean hasPending() {
        return !queue.isEmpty();
    }

    List<Write> drain() {
        List<Write> writes = new ArrayList<>();
        for (Write write = queue.poll(); write != null; write = queue.poll()) {
            writes.add(write);
        }
        return writes;
    }

    /**
     * Completes the futures of a committed transaction's writes: one hand-off to the completions thread per
     * transaction, not one per write (each hand-off wakes a thread; a transaction carries the writes of
     * many records under load). Never on the loop thread: what follows a write (the next step of its work)
     * must not hold up the next commit.
     */
    void committed(List<Write> writes) {
        if (!writes.isEmpty()) {
            completions.execute(() -> writes.forEach(write -> write.done().complete(null)));
        }
    }

    void failed(List<Write> writes, Throwable failure) {
        if (!writes.isEmpty()) {
            completions.execute(() -> writes.forEach(write -> write.done().completeExceptionally(failure)));
        }
    }

    /** Fails everything queued (the loop that would have committed it is gone). */
    void failPending(Throwable failure) {
        failed(drain(), failure);
    }

    private CompletableFuture<Void> enqueue(Write write) {
        queue.add(write);
        return write.done();
    }

    record Write(int partition, long offset, List<ProducerRecord<String, Object>> records,
                 CompletableFuture<Void> done) {

        boolean finishes() {
            return offset >= 0;
        }
    }
}
