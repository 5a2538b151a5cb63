package io.checkoutrelay.importer.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger entries of the partitions this instance owns, in memory, bounded by time: an entry not
 * changed for the horizon (the ledger topic's retention) is forgotten, as the topic deletes it. So the
 * view holds the checkouts changed within the horizon, however many passed before; an entry found
 * expired is not returned, removed at once, and the rest are swept at most once a
 * {@link #SWEEP_EVERY}. A restore drops expired entries as it reads them, so it never holds more.
 */
public final class LedgerView {

    static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final Duration horizon;
    private final Clock clock;
    private final Map<Integer, Map<String, LedgerEntry>> partitions = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    public LedgerView(Duration horizon, Clock clock) {
        if (horizon == null || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("the ledger's horizon must be positive, was " + horizon);
        }
        this.horizon = horizon;
        this.clock = clock;
        this.nextSweep = new AtomicLong(clock.millis() + SWEEP_EVERY.toMillis());
    }

    public Duration horizon() {
        return horizon;
    }

    /** Entries changed before this instant are forgotten. */
    public Instant forgetsBefore() {
        return clock.instant().minus(horizon);
    }

    public Optional<LedgerEntry> get(int partition, String checkoutId) {
        Map<String, LedgerEntry> entries = partitions.get(partition);
        LedgerEntry entry = entries == null ? null : entries.get(checkoutId);
        if (entry != null && pastHorizon(entry.updatedAt(), clock.millis())) {
            entries.remove(checkoutId, entry);
            return Optional.empty();
        }
        return Optional.ofNullable(entry);
    }

    /** Holds {@code entry} if this instance owns its partition; sweeps expired entries now and then. */
    public void remember(int partition, LedgerEntry entry) {
        Map<String, LedgerEntry> entries = partitions.get(partition);
        if (entries != null) {
            entries.put(entry.checkoutId(), entry);
        }
        sweepIfDue();
    }

    /** A restore of {@code partitionNumbers}: apply the topic's records in order, then install. */
    public Restore restoring(Collection<Integer> partitionNumbers) {
        return new Restore(partitionNumbers);
    }

    public void forget(Collection<Integer> partitionNumbers) {
        partitionNumbers.forEach(partitions::remove);
    }

    /** Entries held, over all owned partitions (the {@code crm_importer_ledger_entries} gauge). */
    public int size() {
        return partitions.values().stream().mapToInt(Map::size).sum();
    }

    /** Removes every entry past the horizon; returns how many. */
    public int sweep() {
        long now = clock.millis();
        int removed = 0;
        for (Map<String, LedgerEntry> entries : partitions.values()) {
            int before = entries.size();
            entries.values().removeIf(entry -> pastHorizon(entry.updatedAt(), now));
            removed += before - entries.size();
        }
        return removed;
    }

    private void sweepIfDue() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_EVERY.toMillis())) {
            sweep();
        }
    }

    private boolean pastHorizon(long changedAtMillis, long nowMillis) {
        return changedAtMillis < nowMillis - horizon.toMillis();
    }

    /** Reads a partition's ledger records in order; only entries within the horizon are kept. */
    public final class Restore {

        private final Map<Integer, Map<String, LedgerEntry>> restored = new ConcurrentHashMap<>();
        private final long now = clock.millis();
        private int expired;

        private Restore(Collection<Integer> partitionNumbers) {
            partitionNumbers.forEach(p -> restored.put(p, new ConcurrentHashMap<>()));
        }

        /**
         * One ledger record, {@code entry} null for a tombstone. An entry changed before the horizon is
         * not held (its {@code updatedAt}, written into every ledger record since the first version).
         */
        public void apply(int partition, String checkoutId, LedgerEntry entry) {
            Map<String, LedgerEntry> entries = restored.get(partition);
            if (entry == null) {
                entries.remove(checkoutId);
            } else if (pastHorizon(entry.updatedAt(), now)) {
                entries.remove(checkoutId);
                expired++;
            } else {
                entries.put(checkoutId, entry);
            }
        }

        /** Records read that were past the horizon (and so not held). */
        public int expired() {
            return expired;
        }

        /** The view now holds the restored partitions. */
        public void install() {
            partitions.putAll(restored);
        }

        public int size() {
            return restored.values().stream().mapToInt(Map::size).sum();
        }
    }
}
