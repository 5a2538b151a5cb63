package io.checkoutrelay.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One reading of a process from /proc: resident memory now (VmRSS), its peak so far (VmHWM), and CPU
 * time used (utime + stime, in clock ticks of 1/100 s on Linux).
 */
public record ProcSample(long epochMillis, long rssKiB, long peakRssKiB, long cpuTicks) {

    public static final double TICKS_PER_SECOND = 100.0;

    /** The whole machine as one pseudo-process: busy ticks of all CPUs (everything but idle and iowait). */
    public static final long MACHINE = -1;

    public static Optional<ProcSample> read(long pid) {
        if (pid == MACHINE) {
            return machine();
        }
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(new ProcSample(System.currentTimeMillis(), kib(status, "VmRSS:"), kib(status, "VmHWM:"),
                    cpuTicks(stat)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<ProcSample> machine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            return Optional.of(new ProcSample(System.currentTimeMillis(), 0, 0, busyTicks(cpu)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code cpu  user nice system idle iowait irq softirq steal ...}: all but idle and iowait. */
    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }

    /** utime and stime are fields 14 and 15 of /proc/pid/stat, counted after the parenthesised name. */
    static long cpuTicks(String stat) {
        String afterName = stat.substring(stat.lastIndexOf(')') + 2);
        String[] fields = afterName.split(" ");
        // afterName starts at field 3 (state): field n is fields[n - 3]
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static long kib(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalArgumentException(key + " not in /proc status");
    }
}
