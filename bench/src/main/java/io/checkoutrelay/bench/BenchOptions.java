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
                           Map<String, String> serviceEnvironment, String name, Path resultsDir,
                           double rssRunMinutes, double rssRunRate, Map<String, List<String>> extraJvmFlags,
                           double e2eRate, List<Integer> intakeConnections) {

    /** The services by name, and the short names {@code --jvm} also takes. */
    public static final Map<String, String> SERVICES = Map.of("order-intake", "order-intake", "intake", "order-intake",
            "profile-enricher", "profile-enricher", "enricher", "profile-enricher", "crm-importer", "crm-importer",
            "importer", "crm-importer");

    /**
     * As the images run the services (JAVA_TOOL_OPTIONS from the root pom's image.java-tool-options), with the heap its
     * MaxRAMPercentage=50 gives an enricher or importer pod (Helm: 384 MiB limit).
     */
    public static final List<String> DEFAULT_SERVICE_JVM_FLAGS = List.of("-Xms64m", "-Xmx192m", "-XX:+UseSerialGC",
            "-Xss512k", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m",
            "-XX:TrimNativeHeapInterval=5000");
    /**
     * What the images add per service (the module poms' image.java-tool-options): C1 only for the enricher and the
     * importer (bench/results/2026-11-29.md, "Per-service JVM flags"), and each one's heap, from a live set of
     * 31-35 MiB after a full GC and 175-200 MiB outside the heap (bench/results/2026-11-29-memory.md), so that
     * heap and the rest stay under 300 MiB. {@code --jvm "enricher=-Xmx96m"} runs one with C2.
     */
    public static final Map<String, List<String>> DEFAULT_EXTRA_JVM_FLAGS = Map.of(
            "order-intake", List.of("-Xmx96m"),
            "profile-enricher", List.of("-XX:TieredStopAtLevel=1", "-Xmx96m"),
            "crm-importer", List.of("-XX:TieredStopAtLevel=1", "-Xmx112m"));
    /** As the images run the services (root pom: the Jib container environment). */
    public static final Map<String, String> DEFAULT_SERVICE_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");
    public static final String USAGE = """
            usage: java -jar bench/target/bench.jar [options]
              --quick                     short warm-ups and windows, fewer levels (a smoke run, ~5 min)
              --scenarios 1,2,3,4,5       which scenarios (default all; 4 needs 2, 5 needs 1 and 2)
              --crm-limits 32,64,128      CRM concurrency limits C for scenario 2 (default 32,64,128)
              --service-jvm-flags "..."   JVM flags of the three services and the bare endpoint
                                          (default: the Docker image's, "-Xms64m -Xmx192m -XX:+UseSerialGC
                                          -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m
                                          -XX:TrimNativeHeapInterval=5000")
              --jvm SERVICE=FLAGS         flags one service gets after the common ones, in place of the images'
                                          (default: -Xmx96m for intake and enricher, -Xmx112m for importer,
                                          -XX:TieredStopAtLevel=1 for enricher and importer; --jvm
                                          "enricher=-Xmx96m" runs it with C2); repeatable; SERVICE is
                                          order-intake|intake, profile-enricher|enricher or crm-importer|importer
              --service-env K=V,K=V       environment of the three services (default: the images', MALLOC_ARENA_MAX=2)
              --rss-run MINUTES           instead of the scenarios: the whole pipeline at a steady rate for MINUTES,
                                          RSS of every process sampled; writes NAME-rss.md and NAME-rss.png
              --rss-rate N                checkouts/s of --rss-run (default 30)
              --e2e-rate N                checkouts/s of scenario 3 (default: half the best rate of scenario 2; when
                                          scenario 2 is not run, half its effective limit at the largest C)
              --intake-connections 8,32   scenario 1's connection levels (default 8,32,128; --quick: 32)
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
        if (rssRunMinutes < 0 || rssRunMinutes > 600) {
            throw new IllegalArgumentException("--rss-run takes minutes between 1 and 600, not " + rssRunMinutes);
        }
        if (!(rssRunRate > 0) || rssRunRate > 1000) {
            throw new IllegalArgumentException("--rss-rate takes checkouts per second above 0 and up to 1000, not " + rssRunRate);
        }
        if (e2eRate < 0 || e2eRate > 1000) {
            throw new IllegalArgumentException("--e2e-rate takes checkouts per second above 0 and up to 1000, not " + e2eRate);
        }
        for (int connections : intakeConnections) {
            if (connections < 1 || connections > 1000) {
                throw new IllegalArgumentException("--intake-connections: " + connections + " is not between 1 and 1000");
            }
        }
        intakeConnections = List.copyOf(intakeConnections);
        scenarios = expand(scenarios);
        crmLimits = List.copyOf(crmLimits);
        serviceJvmFlags = List.copyOf(serviceJvmFlags);
        serviceEnvironment = Map.copyOf(serviceEnvironment);
        for (String service : extraJvmFlags.keySet()) {
            if (!SERVICES.containsValue(service)) {
                throw new IllegalArgumentException("--jvm: '" + service + "' is not a service");
            }
        }
        extraJvmFlags = Map.copyOf(extraJvmFlags);
    }

    /** The flags {@code service} runs with: the common ones, then its own. */
    public List<String> jvmFlags(String service) {
        List<String> flags = new ArrayList<>(serviceJvmFlags);
        flags.addAll(extraJvmFlags.getOrDefault(service, List.of()));
        return List.copyOf(flags);
    }

    /** Every service's flags. */
    public Map<String, List<String>> jvmFlagsByService() {
        Map<String, List<String>> all = new java.util.LinkedHashMap<>();
        for (String service : List.of("order-intake", "profile-enricher", "crm-importer")) {
            all.put(service, jvmFlags(service));
        }
        return all;
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
        new java.util.TreeMap<>(extraJvmFlags).forEach((service, flags) -> {
            if (!flags.equals(DEFAULT_EXTRA_JVM_FLAGS.getOrDefault(service, List.of()))) {
                args.append(" --jvm \"").append(service).append('=').append(String.join(" ", flags)).append('"');
            }
        });
        if (!serviceEnvironment.equals(DEFAULT_SERVICE_ENVIRONMENT)) {
            args.append(" --service-env ").append(String.join(",", new java.util.TreeMap<>(serviceEnvironment).entrySet()
                    .stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (rssRunMinutes > 0) {
            args.append(" --rss-run ").append(Math.round(rssRunMinutes)).append(" --rss-rate ").append(Math.round(rssRunRate));
        }
        if (!intakeConnections.isEmpty()) {
            args.append(" --intake-connections ").append(String.join(",", intakeConnections.stream().map(String::valueOf).toList()));
        }
        if (e2eRate > 0) {
            args.append(" --e2e-rate ").append(e2eRate == Math.rint(e2eRate) ? String.valueOf(Math.round(e2eRate))
                    : String.valueOf(e2eRate));
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
        Map<String, String> env = DEFAULT_SERVICE_ENVIRONMENT;
        String name = LocalDate.now(ZoneOffset.UTC).toString();
        Path resultsDir = null;
        double rssRun = 0;
        double rssRate = 30;
        double e2eRate = 0;
        List<Integer> intakeConnections = List.of();
        Map<String, List<String>> extraFlags = new java.util.LinkedHashMap<>(DEFAULT_EXTRA_JVM_FLAGS);
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
                case "--jvm" -> {
                    String spec = value(args, ++i, option);
                    int eq = spec.indexOf('=');
                    String service = eq < 1 ? null : SERVICES.get(spec.substring(0, eq).trim());
                    if (service == null) {
                        throw new IllegalArgumentException("--jvm takes SERVICE=FLAGS with SERVICE one of "
                                + new TreeSet<>(SERVICES.keySet()) + ", not '" + spec + "'");
                    }
                    extraFlags.put(service, flags(spec.substring(eq + 1)));
                }
                case "--rss-run" -> rssRun = number(option, value(args, ++i, option));
                case "--rss-rate" -> rssRate = number(option, value(args, ++i, option));
                case "--intake-connections" -> intakeConnections = integers(option, value(args, ++i, option));
                case "--e2e-rate" -> {
                    e2eRate = number(option, value(args, ++i, option));
                    if (!(e2eRate > 0)) {
                        throw new IllegalArgumentException("--e2e-rate takes checkouts per second above 0, not " + e2eRate);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new BenchOptions(quick, scenarios, crmLimits, flags, env, name, resultsDir, rssRun, rssRate, extraFlags, e2eRate, intakeConnections);
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

    private static double number(String option, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number; '" + text + "' is not one");
        }
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
