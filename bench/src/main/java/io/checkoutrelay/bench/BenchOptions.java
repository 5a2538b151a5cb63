package io.checkoutrelay.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line: {@code [--quick] [--scenarios 1,2,3,4,5] [--crm-limits 32,64,128]
 * [--service-jvm-flags "..."] [--name <results file name>] [--results-dir <dir>]}.
 * Scenarios 4 (resources) and 5 (scaling) are computed from the runs of 1 and 2, so asking for them
 * runs those.
 */
public record BenchOptions(boolean quick, Set<Integer> scenarios, List<Integer> crmLimits, List<String> serviceJvmFlags,
                           Map<String, String> serviceEnvironment, String name, Path resultsDir) {

    /**
     * As the images run the services (JAVA_TOOL_OPTIONS from the root pom's image.java-tool-options), with the heap its
     * MaxRAMPercentage=50 gives an enricher or importer pod (Helm: 384 MiB limit).
     */
    public static final List<String> DEFAULT_SERVICE_JVM_FLAGS = List.of("-Xms64m", "-Xmx192m", "-XX:+UseSerialGC",
            "-Xss512k", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m");
    public static final String USAGE = """
            usage: java -jar bench/target/bench.jar [options]
              --quick                     short warm-ups and windows, fewer levels (a smoke run, ~5 min)
              --scenarios 1,2,3,4,5       which scenarios (default all; 4 needs 2, 5 needs 1 and 2)
              --crm-limits 32,64,128      CRM concurrency limits C for scenario 2 (default 32,64,128)
              --service-jvm-flags "..."   JVM flags of the three services and the bare endpoint
                                          (default: the Docker image's, "-Xms64m -Xmx192m -XX:+UseSerialGC
                                          -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m")
              --service-env K=V,K=V       extra environment of the three services (e.g. MALLOC_ARENA_MAX=2)
              --name NAME                 results file name without extension (default: today's date, UTC)
              --results-dir DIR           where results go (default: bench/results in the repository)
            """;

    public BenchOptions {
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("--scenarios names no scenario");
        }
        for (int scenario : scenarios) {
            if (scenario < 1 || scenario > 5) {
                throw new IllegalArgumentException("--scenarios: there is no scenario " + scenario + " (1 to 5)");
            }
        }
        for (int limit : crmLimits) {
            if (limit < 1 || limit > 1000) {
                throw new IllegalArgumentException("--crm-limits: " + limit + " is not between 1 and 1000");
            }
        }
        if (crmLimits.isEmpty()) {
            throw new IllegalArgumentException("--crm-limits names no limit");
        }
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--name may hold only letters, digits, '.', '_' and '-', not '" + name + "'");
        }
        scenarios = expand(scenarios);
        crmLimits = List.copyOf(crmLimits);
        serviceJvmFlags = List.copyOf(serviceJvmFlags);
        serviceEnvironment = Map.copyOf(serviceEnvironment);
    }

    /** The arguments that give these options (defaults left out), for the results file. */
    public String toArguments() {
        StringBuilder args = new StringBuilder();
        if (quick) {
            args.append(" --quick");
        }
        if (!scenarios.containsAll(List.of(1, 2, 3, 4, 5))) {
            args.append(" --scenarios ").append(String.join(",", new TreeSet<>(scenarios).stream().map(String::valueOf).toList()));
        }
        if (!crmLimits.equals(List.of(32, 64, 128))) {
            args.append(" --crm-limits ").append(String.join(",", crmLimits.stream().map(String::valueOf).toList()));
        }
        if (!serviceJvmFlags.equals(DEFAULT_SERVICE_JVM_FLAGS)) {
            args.append(" --service-jvm-flags \"").append(String.join(" ", serviceJvmFlags)).append('"');
        }
        if (!serviceEnvironment.isEmpty()) {
            args.append(" --service-env ").append(String.join(",", new java.util.TreeMap<>(serviceEnvironment).entrySet()
                    .stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (!name.equals(LocalDate.now(ZoneOffset.UTC).toString())) {
            args.append(" --name ").append(name);
        }
        return args.toString();
    }

    public boolean runs(int scenario) {
        return scenarios.contains(scenario);
    }

    public static BenchOptions parse(String[] args) {
        boolean quick = false;
        Set<Integer> scenarios = new TreeSet<>(List.of(1, 2, 3, 4, 5));
        List<Integer> crmLimits = List.of(32, 64, 128);
        List<String> flags = DEFAULT_SERVICE_JVM_FLAGS;
        Map<String, String> env = Map.of();
        String name = LocalDate.now(ZoneOffset.UTC).toString();
        Path resultsDir = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--quick" -> quick = true;
                case "--scenarios" -> scenarios = new TreeSet<>(integers(option, value(args, ++i, option)));
                case "--crm-limits" -> crmLimits = integers(option, value(args, ++i, option));
                case "--service-jvm-flags" -> flags = flags(value(args, ++i, option));
                case "--service-env" -> env = environment(value(args, ++i, option));
                case "--name" -> name = value(args, ++i, option);
                case "--results-dir" -> resultsDir = Path.of(value(args, ++i, option));
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new BenchOptions(quick, scenarios, crmLimits, flags, env, name, resultsDir);
    }

    private static Set<Integer> expand(Set<Integer> asked) {
        Set<Integer> all = new TreeSet<>(asked);
        if (all.contains(4)) {
            all.add(2);
        }
        if (all.contains(5)) {
            all.add(1);
            all.add(2);
        }
        if (all.contains(2)) {
            all.add(4);
        }
        return Set.copyOf(all);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static List<Integer> integers(String option, String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                values.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes comma-separated whole numbers; '" + part + "' is not one");
            }
        }
        return values;
    }

    private static Map<String, String> environment(String text) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq < 1 || !pair.substring(0, eq).trim().matches("[A-Z_][A-Z0-9_]*")) {
                throw new IllegalArgumentException("--service-env takes NAME=value pairs separated by commas; '" + pair
                        + "' is not one");
            }
            env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return env;
    }

    private static List<String> flags(String text) {
        List<String> flags = Arrays.stream(text.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
        for (String flag : flags) {
            if (!flag.startsWith("-")) {
                throw new IllegalArgumentException("--service-jvm-flags: '" + flag + "' is not a JVM flag (flags start with -)");
            }
        }
        return flags;
    }
}
