package io.checkoutrelay.deployment;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An external command-line tool (helm, docker-compose, yamllint). CI installs them (.ci/run) and sets
 * RELAY_CI=1, where a missing tool fails the test; elsewhere the check is skipped and says why.
 */
record Tool(String name, Path executable) {

    static Tool require(String name, String environmentOverride) {
        String override = System.getenv(environmentOverride);
        Path found = override != null && !override.isBlank() ? Path.of(override) : onPath(name);
        boolean available = found != null && Files.isExecutable(found);
        String hint = name + " is not installed (.ci/run installs it; or set " + environmentOverride + ")";
        if ("1".equals(System.getenv("RELAY_CI"))) {
            if (!available) {
                throw new AssertionError(hint);
            }
        } else {
            assumeTrue(available, hint);
        }
        return new Tool(name, found);
    }

    Result run(Path workDir, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new AssertionError("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    record Result(int exitCode, String out, String err) {
    }
}
