package io.checkoutrelay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Spring Boot application (the sandbox, a service) in a child JVM, configured only through
 * environment variables, exactly as the container images run it. Ready when its health path says 200.
 */
public final class BootJar extends LocalProcess {

    private BootJar(ManagedProcess process, int port, Duration startup) {
        super(process, port, startup);
    }

    /** An executable jar with the default JVM flags. */
    public static BootJar start(String name, Path jar, int port, Map<String, String> environment, Path workDir) {
        return start(JvmLaunch.bootJar(name, jar), port, environment, workDir);
    }

    /**
     * Starts it with {@code SERVER_PORT=port}, its output in {@code workDir/<name>.log}, and waits until ready: its
     * health path answering 200 on {@code MANAGEMENT_SERVER_PORT} when the environment sets one (actuator then
     * listens only there), else on {@code port}.
     */
    public static BootJar start(JvmLaunch launch, int port, Map<String, String> environment, Path workDir) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        ManagedProcess process = ManagedProcess.start(launch.name(), launch.command(), env, workDir,
                workDir.resolve(launch.name() + ".log"));
        String health = "http://127.0.0.1:" + env.getOrDefault("MANAGEMENT_SERVER_PORT", Integer.toString(port))
                + launch.healthPath();
        Duration startup = process.awaitReady(() -> HttpProbe.answers200(health), launch.readyTimeout());
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
