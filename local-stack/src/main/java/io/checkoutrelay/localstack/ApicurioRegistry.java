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
 * A real Apicurio Registry in a child JVM on loopback, its storage an H2 database in a file under
 * its work directory (emptied at start, so every start is fresh; kept across {@link #restart}, as a
 * production registry keeps its schemas). The distribution is fetched from Maven Central into the
 * local Maven repository the first time, and unpacked beside it once per version.
 */
public final class ApicurioRegistry extends LocalProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path workDir;

    private ApicurioRegistry(ManagedProcess process, int port, Duration startup, Path workDir) {
        super(process, port, startup);
        this.workDir = workDir;
    }

    public static ApicurioRegistry start(Path workDir, int port) {
        deleteStorage(workDir);
        return launch(workDir, port, "registry.log");
    }

    /**
     * Stops this registry (SIGTERM) and starts it again on the same port and storage: every schema and
     * its id survive. Returns the new registry; this one is closed. Output: {@code registry-restart-<n>.log}.
     */
    public ApicurioRegistry restart(int restartNumber) {
        close();
        return launch(workDir, port, "registry-restart-" + restartNumber + ".log");
    }

    private static ApicurioRegistry launch(Path workDir, int port, String logName) {
        Path runner = unpackedDistribution().resolve("apicurio-registry-app-" + version() + "-runner.jar");
        List<String> command = Java.command(
                List.of("-Xms64m", "-Xmx384m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                        "-Dquarkus.log.level=WARN", "-Dquarkus.log.category.\"io.quarkus\".level=INFO",
                        "-Dapicurio.rest.deletion.artifact.enabled=true",
                        "-Dapicurio.datasource.url=jdbc:h2:file:" + storage(workDir).resolve("registry").toAbsolutePath()),
                List.of("-jar", runner.toString()));
        ManagedProcess process = ManagedProcess.start("registry", command, Map.of(), workDir,
                workDir.resolve(logName));
        String base = "http://127.0.0.1:" + port;
        Duration startup = process.awaitReady(() -> HttpProbe.answers200(base + "/apis/registry/v3/system/info"),
                READY_TIMEOUT);
        return new ApicurioRegistry(process, port, startup, workDir);
    }

    private static Path storage(Path workDir) {
        return workDir.resolve("storage");
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
