package io.checkoutrelay.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Apicurio Registry in a child JVM on loopback, its storage an H2 database in files under its
 * work directory, so that it can be stopped and started again (a registry outage) with its schemas and
 * their ids as they were. The distribution is fetched from Maven Central into the local Maven
 * repository the first time, and unpacked beside it once per version.
 */
public final class ApicurioRegistry extends LocalProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path workDir;

    private ApicurioRegistry(ManagedProcess process, int port, Duration startup, Path workDir) {
        super(process, port, startup);
        this.workDir = workDir;
    }

    /** Starts a registry with empty storage (what an earlier run left there is deleted first). */
    public static ApicurioRegistry start(Path workDir, int port) {
        deleteStorage(workDir);
        long begin = System.nanoTime();
        ManagedProcess process = launch(workDir, port);
        awaitAnswering(process, port);
        return new ApicurioRegistry(process, port, Duration.ofNanos(System.nanoTime() - begin), workDir);
    }

    /** SIGTERM and wait for it to exit, as an outage would begin: its port refuses connections until {@link #restart()}. */
    public void stop() {
        process.stop();
    }

    /** Starts it again (stopping it first if it runs) on the same port with the same storage; returns once it answers. */
    public void restart() {
        process.close();
        ManagedProcess again = launch(workDir, port);
        this.process = again;
        awaitAnswering(again, port);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    private static ManagedProcess launch(Path workDir, int port) {
        Path runner = unpackedDistribution().resolve("apicurio-registry-app-" + version() + "-runner.jar");
        Path database = storage(workDir).resolve("registry");
        List<String> command = Java.command(
                List.of("-Xms64m", "-Xmx384m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                        "-Dquarkus.log.level=WARN", "-Dquarkus.log.category.\"io.quarkus\".level=INFO",
                        "-Dapicurio.rest.deletion.artifact.enabled=true",
                        "-Dapicurio.datasource.url=jdbc:h2:file:" + database),
                List.of("-jar", runner.toString()));
        return ManagedProcess.start("registry", command, Map.of(), workDir, workDir.resolve("registry.log"));
    }

    private static Path storage(Path workDir) {
        return workDir.toAbsolutePath().resolve("data");
    }

    private static void deleteStorage(Path workDir) {
        Path storage = storage(workDir);
        if (!Files.exists(storage)) {
            return;
        }
        try (var files = Files.walk(storage)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not empty the registry's storage " + storage, e);
        }
    }

    private static void awaitAnswering(ManagedProcess process, int port) {
        String base = "http://127.0.0.1:" + port;
        process.awaitReady(() -> HttpProbe.answers200(base + "/apis/registry/v3/system/info"), READY_TIMEOUT);
    }

    /** The registry's core API, as the services' SCHEMA_REGISTRY_URL. */
    public String apiUrl() {
        return "http://127.0.0.1:" + port + "/apis/registry/v3";
    }

    /** The Confluent-compatible API, for consumers that speak the Confluent wire format. */
    public String confluentCompatibleUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    static String version() {
        return versions().getProperty("apicurio.registry.version");
    }

    private static Path unpackedDistribution() {
        Path versionDir = Path.of(versions().getProperty("maven.local.repository"),
                "io", "apicurio", "apicurio-registry-app", version());
        Path archive = versionDir.resolve("apicurio-registry-app-" + version() + "-all.tar.gz");
        Path unpacked = versionDir.resolve("unpacked");
        if (Files.exists(unpacked.resolve("apicurio-registry-app-" + version() + "-runner.jar"))) {
            return unpacked;
        }
        if (!Files.exists(archive)) {
            MavenCentral.fetch("io/apicurio/apicurio-registry-app/" + version() + "/" + archive.getFileName(), archive);
        }
        return unpack(archive, unpacked);
    }

    private static Path unpack(Path archive, Path target) {
        try {
            Path temp = Files.createTempDirectory(target.getParent(), "unpacking-");
            Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", temp.toString())
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                throw new IllegalStateException("could not unpack " + archive + ": " + output);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException anotherProcessWon) {
                if (!Files.exists(target)) {
                    throw anotherProcessWon;
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking the registry", e);
        }
    }

    private static Properties versions() {
        try (InputStream in = ApicurioRegistry.class.getResourceAsStream("versions.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("versions.properties is missing: build local-stack with Maven", e);
        }
    }
}
