package io.checkoutrelay.bench.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.checkoutrelay.localstack.Java;

/**
 * The JVM flags a process was given, read back from the running JVM ({@code jcmd <pid> VM.flags -all}: the
 * value each flag has in force, e.g. {@code MaxHeapSize = 201326592} for {@code -Xmx192m}) and from its
 * system properties for {@code -D}. Later flags win, as in HotSpot.
 */
public final class JvmFlags {

    private static final Pattern FLAG_LINE = Pattern.compile("^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S*)\\s+\\{.*$");

    private JvmFlags() {
    }

    /** The VM flag (or {@code -D} system property, as "-Dname") and the value each given flag should leave in force. */
    static Map<String, String> expected(List<String> flags) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String flag : flags) {
            if (flag.startsWith("-Xmx")) {
                expected.put("MaxHeapSize", Long.toString(bytes(flag.substring(4))));
            } else if (flag.startsWith("-Xms")) {
                expected.put("InitialHeapSize", Long.toString(bytes(flag.substring(4))));
            } else if (flag.startsWith("-Xss")) {
                expected.put("ThreadStackSize", Long.toString(bytes(flag.substring(4)) / 1024));
            } else if (flag.startsWith("-XX:+") || flag.startsWith("-XX:-")) {
                expected.put(flag.substring(5), Boolean.toString(flag.charAt(4) == '+'));
            } else if (flag.startsWith("-XX:") && flag.contains("=")) {
                String name = flag.substring(4, flag.indexOf('='));
                String value = flag.substring(flag.indexOf('=') + 1);
                expected.put(name, value.matches("\\d+[kKmMgG]") ? Long.toString(bytes(value)) : value);
            } else if (flag.startsWith("-D") && flag.contains("=")) {
                expected.put(flag.substring(0, flag.indexOf('=')), flag.substring(flag.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("cannot read back JVM flag '" + flag + "': the bench checks -Xmx, -Xms, "
                        + "-Xss, -XX:±Name, -XX:Name=value and -Dname=value");
            }
        }
        return expected;
    }

    /** {@code 64m} → 67108864; a bare number is bytes. */
    static long bytes(String size) {
        String s = size.trim().toLowerCase(Locale.ROOT);
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1;
        };
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    /** Every flag of {@code jcmd VM.flags -all} with its value in force. */
    static Map<String, String> parseFlags(String jcmdOutput) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String line : jcmdOutput.split("\n")) {
            Matcher m = FLAG_LINE.matcher(line);
            if (m.matches()) {
                flags.put(m.group(1), m.group(2));
            }
        }
        return flags;
    }

    /** {@code name=value} lines of {@code jcmd VM.system_properties}, as "-Dname". */
    static Map<String, String> parseSystemProperties(String jcmdOutput) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : jcmdOutput.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                properties.put("-D" + line.substring(0, eq), line.substring(eq + 1).replace("\\:", ":"));
            }
        }
        return properties;
    }

    /** Each given flag against the running JVM {@code pid}. */
    public static List<ReadBack> readBack(String process, long pid, List<String> flags) {
        Map<String, String> expected = expected(flags);
        Map<String, String> inForce = parseFlags(jcmd(pid, "VM.flags", "-all"));
        if (expected.keySet().stream().anyMatch(k -> k.startsWith("-D"))) {
            inForce.putAll(parseSystemProperties(jcmd(pid, "VM.system_properties")));
        }
        return compare(process, expected, inForce);
    }

    static List<ReadBack> compare(String process, Map<String, String> expected, Map<String, String> inForce) {
        List<ReadBack> readBacks = new ArrayList<>();
        expected.forEach((name, value) -> {
            String found = inForce.getOrDefault(name, "(no such flag)");
            readBacks.add(new ReadBack(process, name.startsWith("-D") ? name : "-XX:" + name, value,
                    sameNumber(value, found) ? value : found, name.startsWith("-D") ? "jcmd VM.system_properties"
                    : "jcmd VM.flags -all"));
        });
        return readBacks;
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String jcmd(long pid, String... command) {
        String jcmd = Path.of(Java.executable()).resolveSibling("jcmd").toString();
        List<String> args = new ArrayList<>(List.of(jcmd, Long.toString(pid)));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("could not run jcmd for " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
