package io.checkoutrelay.systemtests;

import io.checkoutrelay.localstack.ApicurioRegistry;
import io.checkoutrelay.localstack.BootJar;
import io.checkoutrelay.localstack.DevSettings;
import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole system as production runs it, each part its own process: broker, registry, sandbox,
 * profile-enricher, crm-importer and order-intake, wired through the settings of contracts.md.
 */
final class RunningSystem implements AutoCloseable {

    static final List<String> SERVICES = List.of("profile-enricher", "crm-importer", "order-intake");

    private final Path root;
    private final Path workDir;
    private final KafkaBroker broker;
    private final ApicurioRegistry registry;
    private final BootJar sandbox;
    private final Map<String, String> serviceEnvironment;
    private final Map<String, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, BootJar> services = new LinkedHashMap<>();

    private RunningSystem(Path root, Path workDir, KafkaBroker broker, ApicurioRegistry registry, BootJar sandbox) {
        this.root = root;
        this.workDir = workDir;
        this.broker = broker;
        this.registry = registry;
        this.sandbox = sandbox;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = new HashMap<>(DevSettings.environment(broker.bootstrapServers(),
                registry.apiUrl(), sandbox.url(), "system-test:" + Base64.getEncoder().encodeToString(key)));
        // every simulated lander posts from 127.0.0.1: one client as far as the per-client limit knows
        environment.put("INTAKE_RATELIMIT_ENABLED", "false");
        // JSON log lines, as the Helm chart runs the services: TracingAndLogsTest reads them
        environment.put("LOG_FORMAT", "json");
        this.serviceEnvironment = Map.copyOf(environment);
    }

    static RunningSystem start() {
        Path root = repositoryRoot();
        Path workDir = tempDir();
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(
                () -> KafkaBroker.start(workDir.resolve("kafka"), FreePort.pick(), FreePort.pick()));
        CompletableFuture<ApicurioRegistry> registry = CompletableFuture.supplyAsync(
                () -> ApicurioRegistry.start(workDir.resolve("registry"), FreePort.pick()));
        CompletableFuture<BootJar> sandbox = CompletableFuture.supplyAsync(() -> BootJar.start("sandbox",
                jar(root, "sandbox"), FreePort.pick(), Map.of(
                        "SANDBOX_AMAZON_CLIENT_ID", DevSettings.AMAZON_CLIENT_ID,
                        "SANDBOX_CRM_LOGIN_ID", DevSettings.CRM_LOGIN_ID,
                        "SANDBOX_CRM_PASSWORD", DevSettings.CRM_PASSWORD,
                        "SANDBOX_CRM_TIMEOUTDELAY", "8s"), workDir.resolve("sandbox")));
        try {
            RunningSystem system = new RunningSystem(root, workDir, broker.join(), registry.join(), sandbox.join());
            try {
                SERVICES.forEach(system::startService);
                system.warmUp();
                return system;
            } catch (RuntimeException e) {
                system.close();
                throw e;
            }
        } catch (RuntimeException e) {
            // whatever did start must not outlive a failed start
            for (CompletableFuture<? extends AutoCloseable> part : List.of(broker, registry, sandbox)) {
                part.thenAccept(RunningSystem::closeQuietly);
            }
            throw e;
        }
    }

    /** The intake's address; stays the same across a kill and restart, as a Kubernetes Service would. */
    String intakeUrl() {
        return "http://127.0.0.1:" + ports.get("order-intake");
    }

    String sandboxUrl() {
        return sandbox.url();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String confluentCompatibleUrl() {
        return registry.confluentCompatibleUrl();
    }

    Path workDir() {
        return workDir;
    }

    /** Where a service's output goes (its current run's). */
    Path serviceLog(String service) {
        return workDir.resolve(service).resolve(service + ".log");
    }

    /**
     * One checkout through every stage before the tests start: connections made, schemas
     * registered, consumers assigned, code warmed, so the tests' time limits measure the system.
     */
    private void warmUp() {
        Lander lander = new Lander(intakeUrl());
        String reference = Checkouts.newOrderReference();
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
        int status = 0;
        while (status != 202 && status != 200 && System.nanoTime() < deadline) {
            try {
                status = lander.postCheckout(Checkouts.order(reference, Checkouts.token(""), 101)).status();
            } catch (UncheckedIOException slowFirstRequest) {
                status = 0;
            }
        }
        lander.awaitFinal(Checkouts.checkoutId(reference), java.time.Duration.ofMinutes(3));
    }

    /** SIGKILL, as a crash or an OOM kill would: no shutdown hooks, nothing flushed. */
    void kill(String service) {
        services.remove(service).process().kill();
    }

    /** Starts a service (again) on its port, as a restarted pod would. */
    void startService(String service) {
        startService(service, Map.of());
    }

    /** As above, with settings added to or replacing the usual ones (e.g. a short retry budget). */
    void startService(String service, Map<String, String> overrides) {
        int port = ports.computeIfAbsent(service, s -> FreePort.pick());
        Path serviceDir = workDir.resolve(service);
        Map<String, String> environment = new HashMap<>(serviceEnvironment);
        environment.putAll(overrides);
        services.put(service, BootJar.start(service, jar(root, service), port, environment, serviceDir));
    }

    /**
     * SIGTERM, as Kubernetes stops a pod, waiting up to {@code grace} (its terminationGracePeriodSeconds):
     * the exit code, or empty when it had to be SIGKILLed.
     */
    java.util.OptionalInt stop(String service, java.time.Duration grace) {
        return services.remove(service).process().terminate(grace);
    }

    boolean isRunning(String service) {
        return services.containsKey(service);
    }

    /** Where a service's HTTP port (actuator included) is. */
    String serviceUrl(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** The registry's API base, as services get it in SCHEMA_REGISTRY_URL. */
    String registryUrl() {
        return registry.apiUrl();
    }

    /** A module's built executable jar (e.g. the operator's replay command). */
    Path builtJar(String module) {
        return jar(root, module);
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new java.util.ArrayList<>(services.values());
        all.add(sandbox);
        all.add(registry);
        all.add(broker);
        all.parallelStream().forEach(RunningSystem::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            System.err.println("stopping failed: " + e.getMessage());
        }
    }

    private static Path jar(Path root, String module) {
        return BootJar.builtJar(root, module).orElseThrow(() -> new IllegalStateException(
                module + " has no built jar under " + root.resolve(module).resolve("target")
                        + ": build the whole reactor (./mvnw verify) so service jars exist before these tests"));
    }

    private static Path repositoryRoot() {
        Path moduleDir = Path.of("").toAbsolutePath();
        Path root = moduleDir.getFileName().toString().equals("system-tests") ? moduleDir.getParent() : moduleDir;
        if (!Files.exists(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("order-intake"))) {
            throw new IllegalStateException("run from the repository or the system-tests module; not found at " + root);
        }
        return root;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("checkout-relay-system-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
