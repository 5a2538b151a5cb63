package io.checkoutrelay.bench.load;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.checkoutrelay.localstack.Java;

/**
 * Runs {@link LoadGenerator} in its own JVM (so it never shares a heap or GC with what it measures)
 * and reads back its result line. On two cores it still competes with the services for CPU; the
 * results say so.
 */
public final class GeneratorProcess {

    /** Lean on purpose: a small heap, the serial collector. */
    public static final List<String> JVM_FLAGS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");

    private final Path workDir;
    private int runs;

    public GeneratorProcess(Path workDir) {
        this.workDir = workDir;
    }

    /** A prefix no other generator run of this bench run used: S + two base-36 digits. */
    public String nextPrefix() {
        int n = runs++;
        return "S" + Character.toUpperCase(Character.forDigit((n / 36) % 36, 36))
                + Character.toUpperCase(Character.forDigit(n % 36, 36));
    }

    public LoadResult run(LoadSpec spec) {
        List<String> command = new ArrayList<>();
        command.add(Java.executable());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(classpath());
        command.add(LoadGenerator.class.getName());
        command.addAll(spec.toArgs());
        Path log = workDir.resolve("generator-" + spec.prefix() + ".log");
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long limitSeconds = (long) (spec.warmupSeconds() + spec.durationSeconds()) + 120;
            if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("load generator did not finish within " + limitSeconds + " s; log " + log);
            }
            List<String> output = Files.readAllLines(log);
            return output.stream().filter(line -> line.startsWith(LoadResult.PREFIX)).reduce((a, b) -> b)
                    .map(LoadResult::parse)
                    .orElseThrow(() -> new IllegalStateException("load generator exited with " + process.exitValue()
                            + " and no result; log " + log + ":\n" + String.join("\n", output)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run the load generator", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the load generator ran", e);
        }
    }

    /** This JVM's class path, absolute, for child JVMs that run classes of the bench jar. */
    public static String classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
