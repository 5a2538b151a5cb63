package io.checkoutrelay.localstack.system;

import io.checkoutrelay.localstack.ApicurioRegistry;
import io.checkoutrelay.localstack.BootJar;
import io.checkoutrelay.localstack.DevSettings;
import io.checkoutrelay.localstack.KafkaBroker;
import io.checkoutrelay.localstack.security.BrokerSecurity;
import io.checkoutrelay.localstack.security.ServiceAcls;
import org.apache.kafka.clients.admin.Admin;
import io.checkoutrelay.schemas.topic.ProvisioningReport;
import io.checkoutrelay.schemas.topic.TopicProvisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * The whole system as production runs it, each part its own process on loopback: a real KRaft
 * broker, a real Apicurio registry, the sandbox, and the service jars profile-enricher, crm-importer
 * and order-intake, wired through the settings of contracts.md. Used by the local run
 * ({@code LocalStack}), the system tests and the bench; {@link SystemOptions} holds what differs.
 *
 * <p>Every child is stopped by its own PID on {@link #close()}, and also when this JVM exits
 * (Ctrl-C included), so none outlives the launcher.
 */
public final class WholeSystem implements AutoCloseable {

    public static final String INTAKE = "order-intake";
    public static final String ENRICHER = "profile-enricher";
    public static final String IMPORTER = "crm-importer";
    /** Started in this order: the intake last, as its health waits for the status topic. */
    public static final List<String> SERVICES = List.of(ENRICHER, IMPORTER, INTAKE);

    private final SystemOptions options;
    /** Replaced when the broker or the registry is restarted (same ports, same data). */
    private volatile SupportingProcesses supporting;
    private int restarts;
    private final ServiceProcesses services;
    private final Duration wholeStackStartup;

    private WholeSystem(SystemOptions options, SupportingProcesses supporting, ServiceProcesses services,
                        Duration wholeStackStartup) {
        this.options = options;
        this.supporting = supporting;
        this.services = services;
        this.wholeStackStartup = wholeStackStartup;
    }

    /** Starts the broker, registry and sandbox side by side, then the services one after another. */
    public static WholeSystem start(SystemOptions options) {
        long begin = System.nanoTime();
        SupportingProcesses supporting = SupportingProcesses.start(options);
        ServiceProcesses services = new ServiceProcesses(options, serviceEnvironment(options, supporting),
                ownEnvironments(supporting.broker()));
        try {
            prepareBroker(options, supporting.broker());
            if (!options.infrastructureOnly()) {
                SERVICES.forEach(service -> startAtFirst(options, services, service));
            }
        } catch (RuntimeException e) {
            stopAll(services.removeAll());
            stopAll(supporting.all());
            throw e;
        }
        return new WholeSystem(options, supporting, services, Duration.ofNanos(System.nanoTime() - begin));
    }

    /**
     * The broker, the registry and the sandbox, no service: the caller starts the services with
     * {@link #startService} in the order it wants (they wait for the topics they read).
     */
    public static WholeSystem startSupporting(SystemOptions options) {
        long begin = System.nanoTime();
        SupportingProcesses supporting = SupportingProcesses.start(options);
        ServiceProcesses services = new ServiceProcesses(options, serviceEnvironment(options, supporting),
                ownEnvironments(supporting.broker()));
        try {
            prepareBroker(options, supporting.broker());
        } catch (RuntimeException e) {
            stopAll(supporting.all());
            throw e;
        }
        return new WholeSystem(options, supporting, services, Duration.ofNanos(System.nanoTime() - begin));
    }

    /** What a deployment does before any service: the topics (unless the options leave them out), the ACLs. */
    private static void prepareBroker(SystemOptions options, KafkaBroker broker) {
        if (options.provisionTopics()) {
            TopicProvisioner.provisionLocally(broker.adminConfigs());
        }
        broker.security().ifPresent(security -> grantServiceAcls(broker, security));
    }

    private static void startAtFirst(SystemOptions options, ServiceProcesses services, String service) {
        if (options.skipUnbuilt() && !BuiltJars.isBuilt(options.repositoryRoot(), service)) {
            System.out.println(service + " not built or not there yet: skipped");
            return;
        }
        services.start(service, Map.of());
    }

    private static Map<String, String> serviceEnvironment(SystemOptions options, SupportingProcesses supporting) {
        String sandboxUrl = "http://127.0.0.1:" + options.ports().sandbox();
        Map<String, String> env = new LinkedHashMap<>(DevSettings.environment(supporting.broker().bootstrapServers(),
                supporting.registry().apiUrl(), sandboxUrl, DevSettings.randomTokenKeys(options.tokenKeyId())));
        env.putAll(options.serviceEnvironment());
        return env;
    }

    /** Creates the declared topics that do not exist yet (as the topics command would); what it did. */
    public ProvisioningReport provisionTopics() {
        return TopicProvisioner.provisionLocally(supporting.broker().adminConfigs());
    }

    /** On a secured broker, each service logs in as its own principal (Spring Boot's SPRING_KAFKA_* settings). */
    private static Map<String, Map<String, String>> ownEnvironments(KafkaBroker broker) {
        Map<String, Map<String, String>> own = new LinkedHashMap<>();
        broker.security().ifPresent(security -> SERVICES.forEach(service -> own.put(service,
                security.user(service).springEnvironment(broker.bootstrapServers(), security.trustStore()))));
        return own;
    }

    private static void grantServiceAcls(KafkaBroker broker, BrokerSecurity security) {
        try (Admin admin = Admin.create(broker.adminConfigs())) {
            ServiceAcls.grant(admin, security, SERVICES);
        }
    }

    /** Starts (or restarts) a service on its usual port with the usual settings plus {@code extraSettings}. */
    public BootJar startService(String service, Map<String, String> extraSettings) {
        return services.start(service, extraSettings);
    }

    /** Starts the service with these extra settings unless it already runs with exactly them; true if (re)started. */
    public boolean ensureService(String service, Map<String, String> extraSettings) {
        return services.ensure(service, extraSettings);
    }

    /** SIGTERM, then SIGKILL after 15 s; nothing when the service does not run. */
    public void stopService(String service) {
        services.stop(service);
    }

    /**
     * SIGTERM, as Kubernetes stops a pod, waiting up to {@code grace} (its terminationGracePeriodSeconds):
     * the exit code, or empty when it had to be SIGKILLed.
     */
    public OptionalInt stopService(String service, Duration grace) {
        return services.terminate(service, grace);
    }

    /** SIGKILL, as a crash or an OOM kill would: no shutdown hooks, nothing flushed. */
    public void killService(String service) {
        services.kill(service);
    }

    /**
     * SIGSTOP: the service freezes (no heartbeats, no calls, no writes), as in a long GC pause or a
     * network split; {@link #resumeService} lets it run on. It stays "running" meanwhile.
     */
    public void pauseService(String service) {
        services.get(service).process().pause();
    }

    /** SIGCONT to a paused service. */
    public void resumeService(String service) {
        services.get(service).process().resume();
    }

    /**
     * Restarts the broker (SIGTERM, then the same ports and log directory), as a rolling restart of a
     * one-broker cluster: the services stay up and reconnect. Returns how long it was away.
     */
    public synchronized Duration restartBroker() {
        long begin = System.nanoTime();
        supporting = supporting.withBroker(supporting.broker().restart(++restarts));
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /** Restarts the registry (SIGTERM, then the same port and storage): schemas and their ids survive. */
    public synchronized Duration restartRegistry() {
        long begin = System.nanoTime();
        supporting.registry().restart();
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    public boolean isRunning(String service) {
        return services.isRunning(service);
    }

    /** A running service; fails when it does not run. */
    public BootJar service(String service) {
        return services.get(service);
    }

    /** Where a service's HTTP port (actuator included) is; the same across restarts. */
    public String serviceUrl(String service) {
        return "http://127.0.0.1:" + options.ports().service(service);
    }

    /** Where a service's output goes (its current run's; a restart starts it afresh). */
    public Path serviceLog(String service) {
        return services.logDirectory(service).resolve(service + ".log");
    }

    public KafkaBroker broker() {
        return supporting.broker();
    }

    public ApicurioRegistry registry() {
        return supporting.registry();
    }

    /** Empty in an infrastructure-only run, or when the sandbox was not built and that was allowed. */
    public Optional<BootJar> sandbox() {
        return supporting.sandbox();
    }

    public String bootstrapServers() {
        return supporting.broker().bootstrapServers();
    }

    /** The registry's API base, as services get it in SCHEMA_REGISTRY_URL. */
    public String registryUrl() {
        return supporting.registry().apiUrl();
    }

    public String confluentCompatibleUrl() {
        return supporting.registry().confluentCompatibleUrl();
    }

    public String sandboxUrl() {
        return "http://127.0.0.1:" + options.ports().sandbox();
    }

    public Path workDir() {
        return options.workDir();
    }

    public SystemOptions options() {
        return options;
    }

    /** A module's built executable jar (e.g. the operator's replay command). */
    public Path builtJar(String module) {
        return BuiltJars.required(options.repositoryRoot(), module);
    }

    public Map<String, Long> servicePids() {
        return services.pids();
    }

    /** The services and what supports them (broker, registry, sandbox): everything that shares the CPUs. */
    public Map<String, Long> allPids() {
        Map<String, Long> pids = servicePids();
        pids.put("kafka broker", supporting.broker().pid());
        pids.put("apicurio registry", supporting.registry().pid());
        supporting.sandbox().ifPresent(sandbox -> pids.put("sandbox", sandbox.pid()));
        return pids;
    }

    /** From process start to ready, at the first start of each part. */
    public Map<String, Duration> startupTimes() {
        Map<String, Duration> all = new LinkedHashMap<>();
        all.put("kafka broker", supporting.broker().startup());
        all.put("apicurio registry", supporting.registry().startup());
        supporting.sandbox().ifPresent(sandbox -> all.put("sandbox", sandbox.startup()));
        all.putAll(services.firstStartups());
        return all;
    }

    /** From the first process launched to the last service healthy (broker, registry, sandbox in parallel). */
    public Duration wholeStackStartup() {
        return wholeStackStartup;
    }

    /** The services first (so they can finish their work against a live broker), then the rest. */
    @Override
    public void close() {
        stopAll(services.removeAll());
        stopAll(supporting.all());
    }

    /** All at once, a thread each: a stop may wait out a grace period. */
    private static void stopAll(Collection<AutoCloseable> parts) {
        CompletableFuture.allOf(parts.stream()
                .map(part -> CompletableFuture.runAsync(() -> stopQuietly(part), task -> new Thread(task).start()))
                .toArray(CompletableFuture[]::new)).join();
    }

    static void stopQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            System.err.println("stopping failed: " + e.getMessage());
        }
    }
}
