package io.checkoutrelay.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * The load generator, run as its own JVM by the bench (never inside the services' processes):
 * posts new checkouts over keep-alive connections, closed- or open-loop (see {@link LoadSpec}), and
 * prints one {@link LoadResult} line. With {@code --sends-file} it also writes, for every 202,
 * {@code checkoutId sentEpochMicros inWindow} so the bench can time each checkout to IMPORTED.
 */
public final class LoadGenerator {

    private final LoadSpec spec;
    private final CheckoutRequests requests;
    private final AtomicLong sequence = new AtomicLong();
    private long startNanos;
    private long startEpochMicros;

    LoadGenerator(LoadSpec spec) {
        this.spec = spec;
        this.requests = new CheckoutRequests(spec.prefix(), spec.run(), spec.target().getHost(), spec.target().getPort());
    }

    public static void main(String[] args) throws Exception {
        LoadSpec spec;
        try {
            spec = LoadSpec.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load generator: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(new LoadGenerator(spec).run().toLine());
    }

    LoadResult run() throws InterruptedException {
        List<Worker> workers = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(spec.connections());
        startNanos = System.nanoTime() + 50_000_000L;
        startEpochMicros = System.currentTimeMillis() * 1000 + 50_000L;
        for (int i = 0; i < spec.connections(); i++) {
            Worker worker = new Worker();
            workers.add(worker);
            Thread thread = new Thread(() -> {
                try {
                    worker.loop();
                } finally {
                    done.countDown();
                }
            }, "load-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        return summarize(workers);
    }

    private LoadResult summarize(List<Worker> workers) {
        Histogram latency = new Histogram(3_600_000_000L, 3);
        Map<Integer, Long> statuses = new TreeMap<>();
        long accepted = 0;
        long errors = 0;
        StringBuilder sends = new StringBuilder();
        for (Worker worker : workers) {
            latency.add(worker.latency);
            for (int status = 0; status < worker.statuses.length; status++) {
                if (worker.statuses[status] > 0) {
                    statuses.merge(status, worker.statuses[status], Long::sum);
                }
            }
            accepted += worker.accepted;
            errors += worker.errors;
            sends.append(worker.sends);
        }
        if (spec.sendsFile() != null) {
            try {
                Files.writeString(spec.sendsFile(), sends, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + spec.sendsFile(), e);
            }
        }
        long windowStartMillis = (startEpochMicros + spec.warmupNanos() / 1000) / 1000;
        boolean any = latency.getTotalCount() > 0;
        return new LoadResult(spec.mode().name().toLowerCase(), spec.connections(), spec.rate(),
                spec.durationSeconds(), accepted, errors, statuses,
                any ? latency.getValueAtPercentile(50) : 0, any ? latency.getValueAtPercentile(90) : 0,
                any ? latency.getValueAtPercentile(99) : 0, any ? latency.getValueAtPercentile(99.9) : 0,
                any ? latency.getMaxValue() : 0, windowStartMillis, windowStartMillis + spec.windowNanos() / 1_000_000,
                cpuMillis());
    }

    /** One connection and what it measured; touched by its own thread only until the run ends. */
    private final class Worker {

        private final HttpPoster poster = new HttpPoster(spec.target().getHost(), spec.target().getPort());
        private final Histogram latency = new Histogram(3_600_000_000L, 3);
        private final long[] statuses = new long[600];
        private final StringBuilder sends = new StringBuilder();
        private long accepted;
        private long errors;

        void loop() {
            long windowStart = startNanos + spec.warmupNanos();
            long end = windowStart + spec.windowNanos();
            double interval = spec.mode() == LoadSpec.Mode.OPEN ? 1e9 / spec.rate() : 0;
            parkUntil(startNanos);
            try {
                while (true) {
                    long seq = sequence.getAndIncrement();
                    long scheduled;
                    if (spec.mode() == LoadSpec.Mode.OPEN) {
                        scheduled = startNanos + (long) (seq * interval);
                        if (scheduled >= end) {
                            return;
                        }
                        parkUntil(scheduled);
                    }
                    byte[] request = requests.request(seq);
                    long sent = System.nanoTime();
                    if (spec.mode() == LoadSpec.Mode.CLOSED && sent >= end) {
                        return;
                    }
                    scheduled = spec.mode() == LoadSpec.Mode.OPEN ? startNanos + (long) (seq * interval) : sent;
                    int status = send(request);
                    long answered = System.nanoTime();
                    boolean inWindow = spec.mode() == LoadSpec.Mode.OPEN
                            ? scheduled >= windowStart
                            : answered >= windowStart && answered <= end;
                    if (inWindow) {
                        record(status, (answered - scheduled) / 1000);
                    }
                    if (status == 202 && spec.sendsFile() != null) {
                        sends.append(requests.checkoutId(seq)).append(' ')
                                .append(startEpochMicros + (sent - startNanos) / 1000).append(' ')
                                .append(inWindow ? 1 : 0).append('\n');
                    }
                }
            } finally {
                poster.close();
            }
        }

        private int send(byte[] request) {
            try {
                return poster.send(request);
            } catch (IOException e) {
                LockSupport.parkNanos(10_000_000L);
                return -1;
            }
        }

        private void record(int status, long micros) {
            if (status < 0) {
                errors++;
                return;
            }
            statuses[Math.min(status, statuses.length - 1)]++;
            if (status == 202) {
                accepted++;
                latency.recordValue(Math.max(0, Math.min(micros, latency.getHighestTrackableValue())));
            }
        }
    }

    /** CPU this generator JVM used so far, all threads (it shares the machine with what it measures). */
    private static long cpuMillis() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1_000_000;
        }
        return -1;
    }

    private static void parkUntil(long nanoTime) {
        for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
