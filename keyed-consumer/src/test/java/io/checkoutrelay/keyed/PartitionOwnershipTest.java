package io.checkoutrelay.keyed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ownerships of one partition on one instance: work of an earlier one never overlaps work of the next. */
class PartitionOwnershipTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final PartitionOwnership ownership = new PartitionOwnership(timer, r -> r);

    @AfterEach
    void stop() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void aPartitionTakenBackWhileOldWorkRunsIsOwnedOnlyOnceThatWorkHasEnded() throws Exception {
        ownership.own(0);
        CompletableFuture<Void> oldCall = new CompletableFuture<>();
        CompletableFuture<Void> oldWork = ownership.run(0, ownership.ownership(0), () -> oldCall, workers);

        ownership.release(0);
        ownership.own(0);
        AtomicInteger newStarts = new AtomicInteger();
        CompletableFuture<Void> newWork = ownership.run(0, ownership.ownership(0), countedIn(newStarts), workers);

        // the old work, back from its call, finds the partition not owned: it stops, and writes nothing
        assertThatThrownBy(() -> ownership.requireOwned(0)).isInstanceOf(PartitionLease.Abandoned.class);
        assertThat(ownership.takingBack(0)).isTrue();
        assertThat(ownership.owned()).isEmpty();
        assertThat(newStarts).hasValue(0);

        oldCall.complete(null);
        newWork.get(5, TimeUnit.SECONDS);
        assertThat(oldWork).isDone();
        assertThat(newStarts).hasValue(1);
        assertThat(ownership.owned()).containsExactly(0);
        assertThat(ownership.takingBack(0)).isFalse();
    }

    @Test
    void workHandedOutUnderAnEarlierOwnershipNeverStarts() {
        ownership.own(0);
        long first = ownership.ownership(0);
        ownership.release(0);
        ownership.own(0);
        AtomicInteger starts = new AtomicInteger();

        CompletableFuture<Void> stale = ownership.run(0, first, countedIn(starts), workers);

        assertThat(stale).isCompletedExceptionally();
        assertThatThrownBy(stale::join).hasCauseInstanceOf(PartitionLease.Abandoned.class);
        assertThat(starts).hasValue(0);
        assertThat(ownership.owned()).containsExactly(0);
    }

    @Test
    void recordsWaitingForOldWorkFailWhenThePartitionIsGivenAwayAgain() {
        ownership.own(0);
        CompletableFuture<Void> oldCall = new CompletableFuture<>();
        ownership.run(0, ownership.ownership(0), () -> oldCall, workers);
        ownership.release(0);
        ownership.own(0);
        AtomicInteger starts = new AtomicInteger();
        CompletableFuture<Void> waiting = ownership.run(0, ownership.ownership(0), countedIn(starts), workers);

        ownership.release(0);
        oldCall.complete(null);

        assertThatThrownBy(waiting::join).hasCauseInstanceOf(PartitionLease.Abandoned.class);
        assertThat(starts).hasValue(0);
        assertThat(ownership.owned()).isEmpty();
    }

    @Test
    void aTimedWaitOfAnEarlierOwnershipEndsAbandonedEvenIfThePartitionIsOwnedAgain() {
        ownership.own(0);
        CompletableFuture<Void> wait = ownership.after(0, Duration.ofMillis(200));
        ownership.release(0);
        ownership.own(0);

        assertThatThrownBy(wait::join).hasCauseInstanceOf(PartitionLease.Abandoned.class);
    }

    /** Work that only counts how often it started. */
    private static Supplier<CompletableFuture<Void>> countedIn(AtomicInteger starts) {
        return () -> {
            starts.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        };
    }
}
