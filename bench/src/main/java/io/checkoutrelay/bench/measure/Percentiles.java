package io.checkoutrelay.bench.measure;

import java.util.Arrays;

/** Exact percentiles (nearest rank) of a set of values; no averaging of tails. */
public final class Percentiles {

    private final long[] sorted;

    public Percentiles(long[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** The smallest value with at least {@code percentile}% of the values at or below it. */
    public long at(double percentile) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], not " + percentile);
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public long max() {
        return at(100);
    }
}
