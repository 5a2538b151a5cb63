package io.checkoutrelay.bench.system;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.checkoutrelay.localstack.ApicurioRegistry;
import io.checkoutrelay.localstack.BootJar;
import io.checkoutrelay.localstack.DevSettings;
import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.KafkaBroker;

/**
 * The whole system for a benchmark, each part its own process on free loopback ports: a real KRaft
 * broker, a real Apicurio registry, the sandbox, and the three service jars started with the JVM
 * flags under test. Services can be stopped and started again with extra settings.
 */
public final class BenchSystem implements AutoCloseable {

    public static final String INTAKE = "order-intake";
    public static final String ENRICHER = "profile-enricher";
    public static final String IMPORTER = "crm-importer";
    /** Started in this order: the intake last, as its health waits for the status topic. */
    public static final List<String> SERVICES = List.of(ENRICHER, IMPORTER, INTAKE);
    /** The sandbox stands in for remote APIs; lean flags so it takes as little of the 2 cores as it can. */
    public static final List<String> SANDBOX_JVM_FLAGS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");

    private final Path root;
    private final Path workDir;
    private final List<String> serviceJvmFlags;
    private final KafkaBroker broker;
    private final ApicurioRegistry registry;
    private final ChildJvm sandbox;
    private final Map<String, String> baseEnvironment;
    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, ChildJvm> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> extraEnvironments = new HashMap<>();
    private final Map<String, Duration> firstStartup = new LinkedHashMap<>();
    private Duration wholeStackStartup = Duration.ZERO;

    private BenchSystem(Path root, Path workDir, List<String> serviceJvmFlags, Map<String, String> serviceEnvironment,
                        KafkaBroker broker,
                        ApicurioRegistry registry, ChildJvm sandbox) {
        this.root = root;
        this.workDir = workDir;
        this.serviceJvmFlags = List.copyOf(serviceJvmFlags);
        this.broker = broker;
        this.registry = registry;
        this.sandbox = sandbox;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = new HashMap<>(DevSettings.environment(broker.bootstrapServers(), registry.apiUrl(),
                sandbox.url(), "bench:" + Base64.getEncoder().encodeToString(key)));
        // the load generator posts from one address: the per-client limit would measure itself
        env.put("INTAKE_RATELIMIT_ENABLED", "false");
        env.put("INTAKE_DEMO_ENABLED", "false");
        env.putAll(serviceEnvironment);
        this.baseEnvironment = Map.copyOf(env);
    }

    /** Starts everything; the start-up of each part and of the whole stack are kept for the results. */
    public static BenchSystem start(Path root, Path workDir, List<String> serviceJvmFlags,
                                    Map<String, String> serviceEnvironment) {
        long begin = System.nanoTime();
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(
                () -> KafkaBroker.start(workDir.resolve("kafka"), FreePort.pick(), FreePort.pick()));
        CompletableFuture<ApicurioRegistry> registry = CompletableFuture.supplyAsync(
                () -> ApicurioRegistry.start(workDir.resolve("registry"), FreePort.pick()));
        CompletableFuture<ChildJvm> sandbox = CompletableFuture.supplyAsync(() -> ChildJvm.start("sandbox",
                SANDBOX_JVM_FLAGS, List.of("-jar", jar(root, "sandbox").toString()), FreePort.pick(), Map.of(
                        "SANDBOX_AMAZON_CLIENT_ID", DevSettings.AMAZON_CLIENT_ID,
                        "SANDBOX_CRM_LOGIN_ID", DevSettings.CRM_LOGIN_ID,
                        "SANDBOX_CRM_PASSWORD", DevSettings.CRM_PASSWORD,
                        // the bench reads /sandbox/stats, not the call log: keep the log small
                        "SANDBOX_CALLS_MAXRECORDED", "5000"), "/actuator/health", workDir.resolve("sandbox")));
        BenchSystem system;
        try {
            system = new BenchSystem(root, workDir, serviceJvmFlags, serviceEnvironment, broker.join(), registry.join(),
                    sandbox.join());
        } catch (RuntimeException e) {
            for (CompletableFuture<? extends AutoCloseable> part : List.of(broker, registry, sandbox)) {
                part.thenAccept(BenchSystem::closeQuietly);
            }
            throw e;
        }
        try {
            for (String service : SERVICES) {
                system.firstStartup.put(service, system.startService(service, Map.of()).startup());
            }
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
        system.wholeStackStartup = Duration.ofNanos(System.nanoTime() - begin);
        return system;
    }

    /** Starts (or restarts) a service on its port with the base settings plus {@code extraEnvironment}. */
    public ChildJvm startService(String service, Map<String, String> extraEnvironment) {
        stopService(service);
        int port = ports.computeIfAbsent(service, s -> FreePort.pick());
        Map<String, String> env = new HashMap<>(baseEnvironment);
        env.putAll(extraEnvironment);
        ChildJvm started = ChildJvm.start(service, serviceJvmFlags, List.of("-jar", jar(root, service).toString()),
                port, env, "/actuator/health", workDir.resolve(service));
        services.put(service, started);
        extraEnvironments.put(service, Map.copyOf(extraEnvironment));
        return started;
    }

    /** Starts the service with these extra settings unless it already runs with exactly them; true if (re)started. */
    public boolean ensureService(String service, Map<String, String> extraEnvironment) {
        if (services.containsKey(service) && extraEnvironment.equals(extraEnvironments.get(service))) {
            return false;
        }
        startService(service, extraEnvironment);
        return true;
    }

    public void stopService(String service) {
        extraEnvironments.remove(service);
        ChildJvm running = services.remove(service);
        if (running != null) {
            running.close();
        }
    }

    public ChildJvm service(String name) {
        ChildJvm service = services.get(name);
        if (service == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return service;
    }

    public Map<String, Long> servicePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach((name, jvm) -> pids.put(name, jvm.pid()));
        return pids;
    }

    /** The services and the infrastructure (broker, registry, sandbox): everything that shares the CPUs. */
    public Map<String, Long> allPids() {
        Map<String, Long> pids = servicePids();
        pids.put("kafka broker", broker.process().pid());
        pids.put("apicurio registry", registry.process().pid());
        pids.put("sandbox", sandbox.pid());
        return pids;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String sandboxUrl() {
        return sandbox.url();
    }

    public Path workDir() {
        return workDir;
    }

    public List<String> serviceJvmFlags() {
        return serviceJvmFlags;
    }

    /** From process start to health 200, at the first start of each part. */
    public Map<String, Duration> startupTimes() {
        Map<String, Duration> all = new LinkedHashMap<>();
        all.put("kafka broker", broker.startup());
        all.put("apicurio registry", registry.startup());
        all.put("sandbox", sandbox.startup());
        all.putAll(firstStartup);
        return all;
    }

    /** From the first process launched to the last service healthy (broker, registry, sandbox in parallel). */
    public Duration wholeStackStartup() {
        return wholeStackStartup;
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(services.values());
        services.clear();
        all.add(sandbox);
        all.add(registry);
        all.add(broker);
        all.parallelStream().forEach(BenchSystem::closeQuietly);
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
                        + ": run ./mvnw -B package -DskipTests first"));
    }
}
