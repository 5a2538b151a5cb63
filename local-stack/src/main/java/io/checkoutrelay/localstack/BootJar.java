package io.checkoutrelay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Spring Boot executable jar (the sandbox or a service) in a child JVM, configured only through
 * environment variables, exactly as the container images run it. Ready when /actuator/health says 200.
 */
public final class BootJar extends LocalProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private BootJar(ManagedProcess process, int port, Duration startup) {
        super(process, port, startup);
    }

    public static BootJar start(String name, Path jar, int port, Map<String, String> environment, Path workDir) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        List<String> command = Java.command(List.of("-Xms64m", "-Xmx384m", "-XX:+UseG1GC"),
                List.of("-jar", jar.toAbsolutePath().toString()));
        ManagedProcess process = ManagedProcess.start(name, command, env, workDir, workDir.resolve(name + ".log"));
        String health = "http://127.0.0.1:" + port + "/actuator/health";
        Duration startup = process.awaitReady(() -> HttpProbe.answers200(health), READY_TIMEOUT);
        return new BootJar(process, port, startup);
    }

    /** The executable jar a module builds ({@code <module>/target/<module>-<version>.jar}), if it was built. */
    public static Optional<Path> builtJar(Path repositoryRoot, String module) {
        Path target = repositoryRoot.resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(module + "-") && n.endsWith(".jar") && !n.endsWith("-plain.jar")
                        && !n.endsWith("-sources.jar") && !n.endsWith("-tests.jar");
            }).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

}
