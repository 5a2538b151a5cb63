package io.checkoutrelay.bench.kafkaperf;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The summary line of kafka-producer-perf-test (ProducerPerformance). Latencies in milliseconds. */
public record ProducerPerfResult(long records, double recordsPerSecond, double megabytesPerSecond,
                                 double avgLatencyMillis, double maxLatencyMillis, double p50Millis,
                                 double p95Millis, double p99Millis, double p999Millis) {

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), "
            + "([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, ([\\d.]+) ms 50th, ([\\d.]+) ms 95th, "
            + "([\\d.]+) ms 99th, ([\\d.]+) ms 99.9th");

    /** The last summary line (the one with percentiles) of the tool's output. */
    public static ProducerPerfResult parse(List<String> output) {
        for (int i = output.size() - 1; i >= 0; i--) {
            Matcher m = SUMMARY.matcher(output.get(i));
            if (m.find()) {
                return new ProducerPerfResult(Long.parseLong(m.group(1)), d(m, 2), d(m, 3), d(m, 4), d(m, 5), d(m, 6),
                        d(m, 7), d(m, 8), d(m, 9));
            }
        }
        throw new IllegalArgumentException("no summary line with percentiles in the producer perf test output:\n"
                + String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size())));
    }

    private static double d(Matcher m, int group) {
        return Double.parseDouble(m.group(group));
    }
}
