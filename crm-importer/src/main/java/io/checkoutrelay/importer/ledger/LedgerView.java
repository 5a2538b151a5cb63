package io.checkoutrelay.importer.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger entries of the partitions this instance owns, in memory, bounded by time: an entry not
 * changed for the horizon (the ledger topic's retention) is forgotten, as the topic deletes it. So the
 * view holds the checkouts changed within the horizon, however many passed before; an entry found
 * expired is not returned, removed at once, and the rest are swept at most once a
 * {@link #SWEEP_EVERY}. A restore drops expired entries as it reads them, so it never holds more.
 *
 * <p>It is bounded by size too, so its memory does not follow the rate times 8 days: beyond
 * {@code maxEntries} it forgets a tenth of them, only settled ones (IMPORTED, or DECLINED with nothing
 * unsettled, the same for every upsell) unchanged for at least {@link #KEPT_AT_LEAST} (twice a token's
 * 60-minute life, so a checkout that can still charge or take an upsell keeps its entry), the longest
 * unchanged first. It remembers the latest change among those it forgot, and {@link #forgetsBefore}
 * moves up to it: a record captured before that instant whose checkout the view does not hold may be one
 * it forgot, which the importer treats as it treats a record past the horizon (the dead-letter topic,
 * nothing sent). With only unsettled or recent entries held it may hold more than {@code maxEntries}.
 */
public final class LedgerView {

    static final Duration SWEEP_EVERY = Duration.ofHours(1);
    /** An entry changed more recently than this is never forgotten for size. */
    static final Duration KEPT_AT_LEAST = Duration.ofHours(2);
    /** How long a view still over its maximum after a trim waits before it scans again. */
    static final Duration TRIM_RETRY = Duration.ofMinutes(1);

    private final Duration horizon;
    private final int maxEntries;
    private final Clock clock;
    private final Map<Integer, Map<String, LedgerEntry>> partitions = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;
    /** The latest change (epoch millis) among entries forgotten for size. */
    private final AtomicLong forgottenUpTo = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong forgottenForSize = new AtomicLong();
    private final AtomicBoolean trimming = new AtomicBoolean();
    private final AtomicLong nextTrim = new AtomicLong();
    private final AtomicLong trimPasses = new AtomicLong();

    public LedgerView(Duration horizon, Clock clock) {
        this(horizon, Integer.MAX_VALUE, clock);
    }

    /** @param maxEntries entries held at most over the owned partitions (settled, older than two hours, beyond it go) */
    public LedgerView(Duration horizon, int maxEntries, Clock clock) {
        if (horizon == null || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("the ledger's horizon must be positive, was " + horizon);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the ledger's maximum entries must be positive, was " + maxEntries);
        }
        this.horizon = horizon;
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.nextSweep = new AtomicLong(clock.millis() + SWEEP_EVERY.toMillis());
    }

    public Duration horizon() {
        return horizon;
    }

    /**
     * Entries changed before this instant may be forgotten: the horizon's start, or just after the latest
     * change among the entries forgotten for size when that is later.
     */
    public Instant forgetsBefore() {
        long horizonStart = clock.millis() - horizon.toMillis();
        long forgotten = forgottenUpTo.get();
        return forgotten >= horizonStart ? Instant.ofEpochMilli(forgotten + 1) : clock.instant().minus(horizon);
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
        trimIfOver();
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

    /**
     * Beyond {@code maxEntries}: forgets settled entries unchanged for {@link #KEPT_AT_LEAST}, the longest
     * unchanged first, down to nine tenths of the maximum (or as many as qualify); how many. The instant
     * {@link #forgetsBefore} moves before an entry goes, so a reader never misses one it forgot.
     */
    public int trim() {
        int excess = size() - maxEntries;
        if (excess <= 0) {
            return 0;
        }
        excess += maxEntries / 10;
        long youngest = clock.millis() - KEPT_AT_LEAST.toMillis();
        List<Held> candidates = new ArrayList<>();
        partitions.forEach((partition, entries) -> entries.values().forEach(entry -> {
            if (entry.updatedAt() < youngest && settled(entry)) {
                candidates.add(new Held(partition, entry));
            }
        }));
        candidates.sort(Comparator.comparingLong(held -> held.entry().updatedAt()));
        int forgotten = 0;
        for (Held held : candidates.subList(0, Math.min(excess, candidates.size()))) {
            Map<String, LedgerEntry> entries = partitions.get(held.partition());
            forgottenUpTo.accumulateAndGet(held.entry().updatedAt(), Math::max);
            if (entries != null && entries.remove(held.entry().checkoutId(), held.entry())) {
                forgotten++;
            }
        }
        forgottenForSize.addAndGet(forgotten);
        return forgotten;
    }

    /** Entries forgotten for size since start. */
    public long forgottenForSize() {
        return forgottenForSize.get();
    }

    /**
     * A trim scans every entry: when it cannot get below the maximum (the entries held are recent or
     * unsettled, as at any rate above maxEntries per two hours) the next try waits {@link #TRIM_RETRY}, so
     * a view over its maximum does not scan on every write.
     */
    private void trimIfOver() {
        if (size() > maxEntries && clock.millis() >= nextTrim.get() && trimming.compareAndSet(false, true)) {
            try {
                trim();
                trimPasses.incrementAndGet();
                if (size() > maxEntries) {
                    nextTrim.set(clock.millis() + TRIM_RETRY.toMillis());
                }
            } finally {
                trimming.set(false);
            }
        }
    }

    /** Scans of the whole view for entries to forget, since start. */
    long trimPasses() {
        return trimPasses.get();
    }

    /** Nothing about it can change the CRM any more: imported or definitely declined, its upsells too. */
    private static boolean settled(LedgerEntry entry) {
        return settled(entry.state(), entry.unsettled())
                && entry.upsells().values().stream().allMatch(upsell -> settled(upsell.state(), upsell.unsettled()));
    }

    private static boolean settled(LedgerState state, boolean unsettled) {
        return state == LedgerState.IMPORTED || state == LedgerState.DECLINED && !unsettled;
    }

    private record Held(int partition, LedgerEntry entry) {
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
            trimIfOver();
        }

        public int size() {
            return restored.values().stream().mapToInt(Map::size).sum();
        }
    }
}
