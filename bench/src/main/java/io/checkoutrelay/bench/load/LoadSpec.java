package io.checkoutrelay.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one load generator run does. Closed loop: {@code connections} connections, each sending its
 * next request as soon as the previous answer arrived. Open loop: {@code rate} requests per second
 * on a fixed schedule, spread over {@code connections} connections; latency is measured from the
 * scheduled send time, so a stalled server cannot hide its queue (no coordinated omission).
 */
public record LoadSpec(URI target, Mode mode, int connections, double rate, double warmupSeconds,
                       double durationSeconds, String prefix, int run, Path sendsFile) {

    public enum Mode { CLOSED, OPEN }

    private static final Set<String> OPTIONS = Set.of("--target", "--mode", "--connections", "--rate", "--warmup",
            "--duration", "--prefix", "--run", "--sends-file");

    public LoadSpec {
        if (target == null || target.getHost() == null || target.getPort() < 1) {
            throw new IllegalArgumentException("--target must be an http URL with host and port, e.g. http://127.0.0.1:8080");
        }
        if (connections < 1 || connections > 2000) {
            throw new IllegalArgumentException("--connections must be between 1 and 2000, not " + connections);
        }
        if (mode == Mode.OPEN && !(rate > 0)) {
            throw new IllegalArgumentException("--rate must be above 0 requests per second in open-loop mode");
        }
        if (warmupSeconds < 0 || !(durationSeconds > 0)) {
            throw new IllegalArgumentException("--warmup must be 0 or more and --duration above 0 seconds");
        }
    }

    public long windowNanos() {
        return (long) (durationSeconds * 1e9);
    }

    public long warmupNanos() {
        return (long) (warmupSeconds * 1e9);
    }

    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--target", target.toString(), "--mode", mode.name().toLowerCase(),
                "--connections", Integer.toString(connections), "--warmup", Double.toString(warmupSeconds),
                "--duration", Double.toString(durationSeconds), "--prefix", prefix, "--run", Integer.toString(run)));
        if (mode == Mode.OPEN) {
            args.addAll(List.of("--rate", Double.toString(rate)));
        }
        if (sendsFile != null) {
            args.addAll(List.of("--sends-file", sendsFile.toString()));
        }
        return args;
    }

    public static LoadSpec parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; known: " + OPTIONS);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(args[i], args[++i]);
        }
        for (String required : List.of("--target", "--mode", "--connections", "--duration", "--prefix", "--run")) {
            if (!values.containsKey(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        Mode mode = switch (values.get("--mode")) {
            case "closed" -> Mode.CLOSED;
            case "open" -> Mode.OPEN;
            default -> throw new IllegalArgumentException("--mode must be closed or open, not '" + values.get("--mode") + "'");
        };
        return new LoadSpec(URI.create(values.get("--target")), mode, integer(values, "--connections"),
                number(values, "--rate", 0), number(values, "--warmup", 0), number(values, "--duration", 0),
                values.get("--prefix"), integer(values, "--run"),
                values.containsKey("--sends-file") ? Path.of(values.get("--sends-file")) : null);
    }

    private static int integer(Map<String, String> values, String name) {
        try {
            return Integer.parseInt(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + values.get(name) + "'");
        }
    }

    private static double number(Map<String, String> values, String name, double fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }
}
