package io.checkoutrelay.bench.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads /proc of each watched process twice a second while running, so that peak memory and CPU
 * use can be computed afterwards for any time window.
 */
public final class ResourceSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 500;

    private final Map<String, Long> pids;
    private final Map<String, List<ProcSample>> samples = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public ResourceSampler(Map<String, Long> pidsByName) {
        this.pids = Map.copyOf(pidsByName);
        pids.keySet().forEach(name -> samples.put(name, new CopyOnWriteArrayList<>()));
        this.thread = new Thread(this::loop, "resource-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            pids.forEach((name, pid) -> ProcSample.read(pid).ifPresent(samples.get(name)::add));
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Usage of each process between the two wall-clock instants. */
    public Map<String, ResourceUsage> usage(long fromEpochMillis, long toEpochMillis) {
        Map<String, ResourceUsage> usage = new java.util.LinkedHashMap<>();
        samples.forEach((name, list) -> ResourceUsage.of(name, new ArrayList<>(list), fromEpochMillis, toEpochMillis)
                .ifPresent(u -> usage.put(name, u)));
        return usage;
    }

    /** Every sample taken so far, by process name, in time order. */
    public Map<String, List<ProcSample>> samples() {
        Map<String, List<ProcSample>> copy = new java.util.LinkedHashMap<>();
        samples.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        return copy;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
