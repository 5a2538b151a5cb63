package io.checkoutrelay.systemtests;

import io.checkoutrelay.localstack.system.SystemOptions;
import io.checkoutrelay.localstack.system.WholeSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The {@link WholeSystem} as the system tests run it: free ports, JSON logs (as the Helm chart runs
 * the services), no per-client rate limit (every simulated lander posts from 127.0.0.1), a sandbox
 * whose CRM timeout delay outlasts the importer's timeout, and one checkout through every stage
 * before the first test.
 */
final class RunningSystem implements AutoCloseable {

    static final List<String> SERVICES = WholeSystem.SERVICES;

    private final WholeSystem system;

    private RunningSystem(WholeSystem system) {
        this.system = system;
    }

    static RunningSystem start() {
        WholeSystem system = WholeSystem.start(SystemOptions.builder(repositoryRoot(), tempDir())
                .tokenKeyId("system-test")
                .serviceSetting("INTAKE_RATELIMIT_ENABLED", "false")
                // campaign 12 takes the lander's prices (PricePolicyTest uses 13, which does not)
                .serviceSetting("INTAKE_CLIENTPRICES_CAMPAIGNS", "12")
                // TracingAndLogsTest reads the JSON log lines
                .logFormat("json")
                .sandboxSetting("SANDBOX_CRM_TIMEOUTDELAY", "8s")
                .build());
        try {
            RunningSystem running = new RunningSystem(system);
            running.warmUp();
            return running;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /** The intake's address; stays the same across a kill and restart, as a Kubernetes Service would. */
    String intakeUrl() {
        return system.serviceUrl(WholeSystem.INTAKE);
    }

    String sandboxUrl() {
        return system.sandboxUrl();
    }

    String bootstrapServers() {
        return system.bootstrapServers();
    }

    String confluentCompatibleUrl() {
        return system.confluentCompatibleUrl();
    }

    /** The registry's API base, as services get it in SCHEMA_REGISTRY_URL. */
    String registryUrl() {
        return system.registryUrl();
    }

    Path workDir() {
        return system.workDir();
    }

    /** Where a service's output goes (its current run's). */
    Path serviceLog(String service) {
        return system.serviceLog(service);
    }

    /** Where a service's HTTP port (actuator included) is. */
    String serviceUrl(String service) {
        return system.serviceUrl(service);
    }

    /** A module's built executable jar (e.g. the operator's replay command). */
    Path builtJar(String module) {
        return system.builtJar(module);
    }

    /**
     * One checkout through every stage before the tests start: connections made, schemas
     * registered, consumers assigned, code warmed, so the tests' time limits measure the system.
     */
    private void warmUp() {
        Lander lander = new Lander(intakeUrl());
        String reference = Checkouts.newOrderReference();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int status = 0;
        while (status != 202 && status != 200 && System.nanoTime() < deadline) {
            try {
                status = lander.postCheckout(Checkouts.order(reference, Checkouts.token(""), 101)).status();
            } catch (UncheckedIOException slowFirstRequest) {
                status = 0;
            }
        }
        lander.awaitFinal(Checkouts.checkoutId(reference), Duration.ofMinutes(3));
    }

    /** SIGKILL, as a crash or an OOM kill would: no shutdown hooks, nothing flushed. */
    void kill(String service) {
        system.killService(service);
    }

    /** Starts a service (again) on its port, as a restarted pod would. */
    void startService(String service) {
        startService(service, Map.of());
    }

    /** As above, with settings added to or replacing the usual ones (e.g. a short retry budget). */
    void startService(String service, Map<String, String> overrides) {
        system.startService(service, overrides);
    }

    /**
     * SIGTERM, as Kubernetes stops a pod, waiting up to {@code grace} (its terminationGracePeriodSeconds):
     * the exit code, or empty when it had to be SIGKILLed.
     */
    OptionalInt stop(String service, Duration grace) {
        return system.stopService(service, grace);
    }

    boolean isRunning(String service) {
        return system.isRunning(service);
    }

    @Override
    public void close() {
        system.close();
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
