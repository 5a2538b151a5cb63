package io.checkoutrelay.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a generator run measured inside its window (after warm-up): answers by status, the rate of
 * 202s, latency percentiles in microseconds, and the window's wall-clock bounds. Travels from the
 * generator process to the bench as one {@code RESULT key=value ...} line.
 */
public record LoadResult(String mode, int connections, double offeredRate, double windowSeconds, long accepted,
                         long errors, Map<Integer, Long> statuses, long p50Micros, long p90Micros, long p99Micros,
                         long p999Micros, long maxMicros, long windowStartEpochMillis, long windowEndEpochMillis,
                         long generatorCpuMillis) {

    public static final String PREFIX = "RESULT ";

    /** Accepted (202) answers per second of the window. */
    public double acceptedPerSecond() {
        return windowSeconds > 0 ? accepted / windowSeconds : 0;
    }

    public long answers() {
        return statuses.values().stream().mapToLong(Long::longValue).sum();
    }

    public String toLine() {
        StringBuilder statusText = new StringBuilder();
        new TreeMap<>(statuses).forEach((status, count) ->
                statusText.append(statusText.isEmpty() ? "" : ",").append(status).append(':').append(count));
        return PREFIX + "mode=" + mode + " connections=" + connections + " offeredRate=" + offeredRate
                + " windowSeconds=" + windowSeconds + " accepted=" + accepted + " errors=" + errors
                + " statuses=" + (statusText.isEmpty() ? "-" : statusText) + " p50Micros=" + p50Micros
                + " p90Micros=" + p90Micros + " p99Micros=" + p99Micros + " p999Micros=" + p999Micros
                + " maxMicros=" + maxMicros + " windowStart=" + windowStartEpochMillis
                + " windowEnd=" + windowEndEpochMillis + " cpuMillis=" + generatorCpuMillis;
    }

    public static LoadResult parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a generator result line: " + line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("malformed field '" + pair + "' in: " + line);
            }
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        try {
            Map<Integer, Long> statuses = new TreeMap<>();
            String statusText = require(fields, "statuses");
            if (!statusText.equals("-")) {
                for (String entry : statusText.split(",")) {
                    String[] parts = entry.split(":");
                    statuses.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
                }
            }
            return new LoadResult(require(fields, "mode"), Integer.parseInt(require(fields, "connections")),
                    Double.parseDouble(require(fields, "offeredRate")), Double.parseDouble(require(fields, "windowSeconds")),
                    Long.parseLong(require(fields, "accepted")), Long.parseLong(require(fields, "errors")), statuses,
                    Long.parseLong(require(fields, "p50Micros")), Long.parseLong(require(fields, "p90Micros")),
                    Long.parseLong(require(fields, "p99Micros")), Long.parseLong(require(fields, "p999Micros")),
                    Long.parseLong(require(fields, "maxMicros")), Long.parseLong(require(fields, "windowStart")),
                    Long.parseLong(require(fields, "windowEnd")), Long.parseLong(require(fields, "cpuMillis")));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed number in generator result: " + line, e);
        }
    }

    private static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("generator result lacks '" + name + "'");
        }
        return value;
    }
}
