package io.checkoutrelay.bench.system;

import java.util.List;
import java.util.Optional;

/**
 * One process in one time window: the highest resident memory sampled in it, the process's lifetime
 * peak (VmHWM) at its end, and CPU used as a share of one core (100% = one core busy).
 */
public record ResourceUsage(String name, long peakRssKiB, long lifetimePeakRssKiB, double cpuSeconds,
                            double wallSeconds) {

    public double cpuPercentOfOneCore() {
        return wallSeconds > 0 ? 100.0 * cpuSeconds / wallSeconds : 0;
    }

    public double peakRssMiB() {
        return peakRssKiB / 1024.0;
    }

    public double lifetimePeakRssMiB() {
        return lifetimePeakRssKiB / 1024.0;
    }

    /**
     * From the last sample at or before {@code from} (or the first one) to the first sample at or after
     * {@code to} (or the last one); samples are in time order, half a second apart.
     */
    static Optional<ResourceUsage> of(String name, List<ProcSample> samples, long from, long to) {
        if (samples.size() < 2) {
            return Optional.empty();
        }
        int first = 0;
        int last = samples.size() - 1;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).epochMillis() <= from) {
                first = i;
            }
            if (samples.get(i).epochMillis() >= to) {
                last = i;
                break;
            }
        }
        if (last <= first) {
            return Optional.empty();
        }
        long peak = 0;
        for (int i = first; i <= last; i++) {
            peak = Math.max(peak, samples.get(i).rssKiB());
        }
        ProcSample start = samples.get(first);
        ProcSample end = samples.get(last);
        double cpu = (end.cpuTicks() - start.cpuTicks()) / ProcSample.TICKS_PER_SECOND;
        double wall = (end.epochMillis() - start.epochMillis()) / 1000.0;
        return Optional.of(new ResourceUsage(name, peak, end.peakRssKiB(), cpu, wall));
    }
}
