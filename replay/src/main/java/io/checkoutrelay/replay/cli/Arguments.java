package io.checkoutrelay.replay.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Parses the command line (and the environment's connection settings) into a {@link Request}. */
public final class Arguments {

    static final String DEFAULT_BOOTSTRAP = ConnectionSettings.DEFAULT_BOOTSTRAP;
    static final String DEFAULT_REGISTRY = ConnectionSettings.DEFAULT_REGISTRY;
    private static final Set<String> DECLINED_OPTIONS = Set.of("--checkout", "--since", "--until", "--class",
            "--bootstrap-servers", "--registry-url", "--kafka-config");
    private static final Set<String> DLT_OPTIONS = Set.of("--topic", "--partition", "--offset",
            "--bootstrap-servers", "--registry-url", "--kafka-config");
    private static final Set<String> CONSOLE_OPTIONS = Set.of("--port", "--bind", "--metrics", "--window",
            "--bootstrap-servers", "--registry-url", "--kafka-config");
    static final int DEFAULT_CONSOLE_PORT = 8095;
    /** The captured and enriched topics keep records 6 hours: older declines cannot be replayed anyway. */
    static final Duration DEFAULT_WINDOW = Duration.ofHours(6);

    private Arguments() {
    }

    public static Request parse(List<String> args, Map<String, String> environment) {
        if (args.isEmpty()) {
            throw new ArgumentError("no command: say 'declined', 'dlt' or 'console' (--help explains them)");
        }
        if (args.contains("--help") || args.contains("-h") || args.get(0).equals("help")) {
            return new Request.Help();
        }
        String command = args.get(0);
        return switch (command) {
            case "declined" -> declined(options(command, args.subList(1, args.size()), DECLINED_OPTIONS), environment);
            case "dlt" -> deadLetters(options(command, args.subList(1, args.size()), DLT_OPTIONS), environment);
            case "console" -> console(options(command, args.subList(1, args.size()), CONSOLE_OPTIONS), environment);
            default -> throw new ArgumentError("unknown command '" + command + "': say 'declined', 'dlt' or 'console'");
        };
    }

    private static Request.Declined declined(Parsed options, Map<String, String> environment) {
        for (String declineClass : options.values("--class")) {
            refuseClass(declineClass);
        }
        Set<String> checkoutIds = new LinkedHashSet<>();
        for (String id : options.values("--checkout")) {
            checkoutIds.add(checkoutId(id));
        }
        Instant since = options.last("--since") == null ? null : instant("--since", options.last("--since"));
        Instant until = options.last("--until") == null ? null : instant("--until", options.last("--until"));
        if (since != null && until != null && !since.isBefore(until)) {
            throw new ArgumentError("--since " + since + " is not before --until " + until);
        }
        if (checkoutIds.isEmpty() && since == null) {
            throw new ArgumentError("declined needs --checkout <id> or --since <instant>: replaying every decline "
                    + "of the topic's 90 days is never what is meant");
        }
        return new Request.Declined(Set.copyOf(checkoutIds), since, until, options.dryRun, connection(options, environment));
    }

    private static Request.DeadLetters deadLetters(Parsed options, Map<String, String> environment) {
        String topic = options.last("--topic");
        if (topic == null || topic.isBlank()) {
            throw new ArgumentError("dlt needs --topic <topic>.dlt");
        }
        if (!topic.endsWith(".dlt")) {
            throw new ArgumentError("--topic " + topic + " is not a dead-letter topic (its name must end in .dlt)");
        }
        List<String> partitions = options.values("--partition");
        List<String> offsets = options.values("--offset");
        if (partitions.size() != offsets.size()) {
            throw new ArgumentError("--partition and --offset come in pairs: got " + partitions.size()
                    + " --partition and " + offsets.size() + " --offset");
        }
        List<Position> positions = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            positions.add(new Position(topic, (int) number("--partition", partitions.get(i), Integer.MAX_VALUE),
                    number("--offset", offsets.get(i), Long.MAX_VALUE)));
        }
        return new Request.DeadLetters(topic, List.copyOf(positions), options.dryRun, connection(options, environment));
    }

    private static Request.Console console(Parsed options, Map<String, String> environment) {
        if (options.dryRun) {
            throw new ArgumentError("console writes nothing; --dry-run does not apply to it");
        }
        String portText = firstSet(options.last("--port"), environment.get("CONSOLE_PORT"));
        int port = portText == null ? DEFAULT_CONSOLE_PORT : (int) number("--port", portText, 65535);
        String bind = firstSet(options.last("--bind"), environment.get("CONSOLE_BIND"), "127.0.0.1");
        List<String> metricValues = new ArrayList<>(options.values("--metrics"));
        if (metricValues.isEmpty() && environment.get("CONSOLE_METRICS") != null) {
            metricValues.add(environment.get("CONSOLE_METRICS"));
        }
        List<MetricsSource> metrics = new ArrayList<>();
        for (String value : metricValues) {
            for (String source : value.split(",")) {
                String trimmed = source.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                // name=url names the service on the page; a bare url lets its metrics name it
                int eq = trimmed.indexOf('=');
                boolean named = eq > 0 && !trimmed.substring(0, eq).contains(":");
                String name = named ? trimmed.substring(0, eq) : "";
                URI url = metricsUrl(named ? trimmed.substring(eq + 1) : trimmed);
                metrics.add(new MetricsSource(name, url));
            }
        }
        if (metrics.isEmpty()) {
            throw new ArgumentError("console needs --metrics <url> (or CONSOLE_METRICS): the /actuator/prometheus "
                    + "address of profile-enricher and of crm-importer, e.g. http://127.0.0.1:8082/actuator/prometheus");
        }
        String windowText = firstSet(options.last("--window"), environment.get("CONSOLE_WINDOW"));
        Duration window = windowText == null ? DEFAULT_WINDOW : duration(windowText);
        return new Request.Console(bind, port, List.copyOf(metrics), window, connection(options, environment));
    }

    private static URI metricsUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ArgumentError("--metrics " + url + " is not an http(s) URL such as "
                    + "http://127.0.0.1:8083/actuator/prometheus");
        }
    }

    private static Duration duration(String text) {
        Matcher m = Pattern.compile("([1-9][0-9]{0,3})([mh])").matcher(text);
        if (!m.matches()) {
            throw new ArgumentError("--window " + text + " is not a duration such as 30m or 6h");
        }
        long amount = Long.parseLong(m.group(1));
        return m.group(2).equals("h") ? Duration.ofHours(amount) : Duration.ofMinutes(amount);
    }

    private static void refuseClass(String declineClass) {
        String why = switch (declineClass) {
            case "UNAVAILABLE" -> null;
            case "CUSTOMER_ACTION" -> "a CUSTOMER_ACTION decline is the buyer's to fix: they choose another payment "
                    + "method in the Amazon widget and submit again (a new attempt)";
            case "CONSENT" -> "a CONSENT decline would decline again: the buyer's Amazon sign-in is not valid; "
                    + "they must sign in with Amazon again";
            case "TERMINAL" -> "a TERMINAL decline would decline again: the Amazon order reference cannot be used "
                    + "again; the buyer needs another way to pay";
            case "INVALID_REQUEST" -> "an INVALID_REQUEST decline would decline again: the CRM rejected the data "
                    + "(campaign, product, field); fix the merchant configuration, then the buyer submits again";
            default -> "unknown decline class (the classes are CUSTOMER_ACTION, TERMINAL, CONSENT, INVALID_REQUEST, "
                    + "UNAVAILABLE)";
        };
        if (why != null) {
            throw new ArgumentError("--class " + declineClass + " cannot be replayed: " + why
                    + ". Only UNAVAILABLE declines are replayed.");
        }
    }

    private static String checkoutId(String value) {
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw new ArgumentError("--checkout " + value + " is not a checkout id (a UUID such as "
                    + "3f2b8c1e-5d4a-5b6c-9e7f-0a1b2c3d4e5f)");
        }
    }

    private static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ArgumentError(option + " " + value + " is not an ISO-8601 instant (e.g. 2026-11-28T10:00:00Z)");
        }
    }

    private static long number(String option, String value, long max) {
        try {
            long number = Long.parseLong(value);
            if (number < 0 || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ArgumentError(option + " " + value + " is not a number from 0 to " + max);
        }
    }

    private static Connection connection(Parsed options, Map<String, String> environment) {
        return ConnectionSettings.resolve(options.last("--bootstrap-servers"), options.last("--registry-url"),
                options.last("--kafka-config"), environment);
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static Parsed options(String command, List<String> args, Set<String> allowed) {
        Parsed parsed = new Parsed();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--dry-run")) {
                parsed.dryRun = true;
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!allowed.contains(name)) {
                throw new ArgumentError(arg.startsWith("--") ? "unknown option " + name + " for '" + command + "'"
                        : "unexpected argument '" + arg + "' for '" + command + "' (options start with --)");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new ArgumentError(name + " needs a value");
            }
            if (value.isBlank()) {
                throw new ArgumentError(name + " needs a value");
            }
            parsed.values.add(Map.entry(name, value));
        }
        return parsed;
    }

    private static final class Parsed {
        private final List<Map.Entry<String, String>> values = new ArrayList<>();
        private boolean dryRun;

        List<String> values(String name) {
            return values.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).toList();
        }

        String last(String name) {
            List<String> all = values(name);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }
    }
}
