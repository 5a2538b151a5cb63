package io.checkoutrelay.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The replay command run as an operator runs it: its own JVM, `java -jar replay.jar ...`, settings from the environment. */
final class OperatorReplay {

    private final RunningSystem system;

    OperatorReplay(RunningSystem system) {
        this.system = system;
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", system.builtJar("replay").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(system.workDir(), "replay-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", system.bootstrapServers());
            builder.environment().put("SCHEMA_REGISTRY_URL", system.registryUrl());
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("replay " + String.join(" ", args) + " did not finish in 2 minutes:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int exitCode, String output) {
        List<String> lines(String verdict) {
            return output.lines().filter(line -> line.startsWith(verdict + " ")).toList();
        }
    }
}
