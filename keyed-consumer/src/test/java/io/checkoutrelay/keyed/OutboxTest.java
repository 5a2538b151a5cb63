package io.checkoutrelay.keyed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private final List<Runnable> handedOff = new ArrayList<>();
    private final Outbox outbox = new Outbox(handedOff::add);

    @Test
    void aCommittedTransactionsWritesCompleteOffTheLoopThreadInOneHandOff() {
        CompletableFuture<Void> status = outbox.write(0, List.of(record("status")));
        CompletableFuture<Void> result = outbox.finish(1, 7, List.of(record("result"), record("status")));

        outbox.committed(outbox.drain());

        assertThat(status).isNotDone(); // nothing completes on the committing (loop) thread
        assertThat(result).isNotDone();
        assertThat(handedOff).hasSize(1);
        handedOff.get(0).run();
        assertThat(status).isCompleted();
        assertThat(result).isCompleted();
    }

    @Test
    void anAbortedTransactionsWritesFailWithItsCause() {
        CompletableFuture<Void> first = outbox.write(0, List.of(record("a")));
        CompletableFuture<Void> second = outbox.finish(0, 3, List.of(record("b")));
        IllegalStateException fenced = new IllegalStateException("fenced");

        outbox.failed(outbox.drain(), fenced);

        assertThat(first).isNotDone();
        assertThat(handedOff).hasSize(1);
        handedOff.get(0).run();
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        assertThatThrownBy(second::get).isInstanceOf(ExecutionException.class).cause().isSameAs(fenced);
    }

    @Test
    void nothingIsHandedOffForATransactionWithoutWrites() {
        outbox.committed(outbox.drain());
        outbox.failed(List.of(), new IllegalStateException("x"));
        assertThat(handedOff).isEmpty();
    }

    private static ProducerRecord<String, Object> record(String value) {
        return new ProducerRecord<>("t", "k", value);
    }
}
