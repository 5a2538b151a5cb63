package io.checkoutrelay.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeySequencerTest {

    private final KeySequencer sequencer = new KeySequencer(Runnable::run);

    @Test
    void tasksOfOneKeyRunOneAfterAnotherInSubmissionOrder() {
        List<String> started = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> first = new CompletableFuture<>();
        sequencer.submit("a", () -> {
            started.add("a1");
            return first;
        });
        CompletableFuture<Void> second = sequencer.submit("a", () -> {
            started.add("a2");
            return CompletableFuture.completedFuture(null);
        });
        assertThat(started).containsExactly("a1");
        assertThat(second).isNotDone();

        first.complete(null);
        assertThat(second).isDone();
        assertThat(started).containsExactly("a1", "a2");
    }

    @Test
    void aSlowKeyDoesNotHoldBackOtherKeys() {
        CompletableFuture<Void> slow = new CompletableFuture<>();
        sequencer.submit("slow", () -> slow);
        CompletableFuture<Void> other = sequencer.submit("other", () -> CompletableFuture.completedFuture(null));
        assertThat(other).isDone();
        assertThat(slow).isNotDone();
    }

    @Test
    void aFailedTaskDoesNotStopTheNextTaskOfItsKey() throws Exception {
        sequencer.submit("a", () -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
        CompletableFuture<Void> next = sequencer.submit("a", () -> CompletableFuture.completedFuture(null));
        next.get(1, TimeUnit.SECONDS);
        assertThat(next).isCompleted();
    }

    @Test
    void finishedKeysHoldNoMemory() {
        CompletableFuture<Void> task = new CompletableFuture<>();
        sequencer.submit("a", () -> task);
        assertThat(sequencer.activeKeys()).isEqualTo(1);
        task.complete(null);
        assertThat(sequencer.activeKeys()).isZero();
    }
}
