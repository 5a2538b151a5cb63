package io.checkoutrelay.bench.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code --soak [--checkouts N] [--rate R] [--faults full|ci] [--name NAME] [--results-dir DIR]}.
 *
 * @param checkouts how many checkouts the landers post (10,000 by default)
 * @param rate      checkouts posted per second (upsells follow each)
 * @param faults    the fault schedule: {@code full} (the issue's) or {@code ci} (the reduced one)
 * @param quietLimit how long to wait, after the load and the faults, for every checkout to settle
 */
public record SoakOptions(int checkouts, double rate, String faults, String name, Path resultsDir, Duration quietLimit) {

    public static final String USAGE = """
            usage: java -jar bench/target/bench.jar --soak [options]
              --checkouts N        checkouts to post, each with 0-2 upsells (default 10000)
              --rate R             checkouts posted per second (default 20)
              --faults full|ci     the fault schedule: the issue's (default) or the CI test's reduced one
              --name NAME          results file name without extension (default soak-<today, UTC>)
              --results-dir DIR    where results go (default: bench/results in the repository)
            """;

    /** The importer's consumer session timeout in the soak, and how long a SIGSTOP lasts: well past it. */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration FREEZE = Duration.ofSeconds(25);

    public SoakOptions {
        if (checkouts < 1 || checkouts > 1_000_000) {
            throw new IllegalArgumentException("--checkouts must be between 1 and 1000000, not " + checkouts);
        }
        if (!(rate > 0 && rate <= 1000)) {
            throw new IllegalArgumentException("--rate must be above 0 and at most 1000 checkouts/s, not " + rate);
        }
        if (!faults.equals("full") && !faults.equals("ci")) {
            throw new IllegalArgumentException("--faults is 'full' or 'ci', not '" + faults + "'");
        }
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--name may hold only letters, digits, '.', '_' and '-', not '" + name + "'");
        }
    }

    public FaultPlan plan() {
        return faults.equals("ci") ? FaultPlan.ci(FREEZE) : FaultPlan.full(FREEZE);
    }

    public static SoakOptions parse(String[] args) {
        int checkouts = 10_000;
        double rate = 20;
        String faults = "full";
        String name = "soak-" + LocalDate.now(ZoneOffset.UTC);
        Path resultsDir = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--checkouts" -> checkouts = number(option, value(args, ++i, option));
                case "--rate" -> rate = decimal(option, value(args, ++i, option));
                case "--faults" -> faults = value(args, ++i, option);
                case "--name" -> name = value(args, ++i, option);
                case "--results-dir" -> resultsDir = Path.of(value(args, ++i, option));
                default -> throw new IllegalArgumentException("unknown soak option '" + option + "'");
            }
        }
        return new SoakOptions(checkouts, rate, faults, name, resultsDir, Duration.ofMinutes(15));
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int number(String option, String text) {
        try {
            return Integer.parseInt(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + text + "'");
        }
    }

    private static double decimal(String option, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not '" + text + "'");
        }
    }
}
