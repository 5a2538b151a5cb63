package io.checkoutrelay.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.bench.settings.ActuatorSettings;
import io.checkoutrelay.bench.settings.ExpectedSetting;
import io.checkoutrelay.bench.settings.SettingsCheck;
import io.checkoutrelay.localstack.system.SystemOptions;
import io.checkoutrelay.localstack.system.WholeSystem;

/**
 * The {@link WholeSystem} as the bench runs it: free ports, the service JVM flags and settings under
 * test, a lean sandbox, no per-client rate limit and no demo page. Each service's actuator listens on a
 * management port of its own (as the Helm chart runs it), where the bench also exposes configprops and
 * env to read back every setting it gave ({@link #verify}).
 */
public final class BenchStack {

    /** The sandbox stands in for remote APIs; lean flags so it takes as little of the 2 cores as it can. */
    public static final List<String> SANDBOX_JVM_FLAGS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");
    /** A service under load on 2 cores may take a while to answer its first health check. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final WholeSystem system;
    private final Map<String, Integer> managementPorts;
    private final Map<String, List<String>> jvmFlags;
    private final Map<String, String> serviceEnvironment;
    private final SettingsCheck check = new SettingsCheck();

    private BenchStack(WholeSystem system, Map<String, Integer> managementPorts, Map<String, List<String>> jvmFlags,
                       Map<String, String> serviceEnvironment) {
        this.system = system;
        this.managementPorts = managementPorts;
        this.jvmFlags = jvmFlags;
        this.serviceEnvironment = serviceEnvironment;
    }

    /**
     * Starts everything with {@code jvmFlags} per service (order-intake, profile-enricher, crm-importer) and checks
     * every service's settings; the start-up of each part and of the whole stack are kept for the results.
     */
    public static BenchStack start(Path root, Path workDir, Map<String, List<String>> jvmFlags,
                                   Map<String, String> serviceEnvironment) {
        Map<String, Integer> managementPorts = new LinkedHashMap<>();
        WholeSystem.SERVICES.forEach(service -> managementPorts.put(service, freePort()));
        SystemOptions.Builder options = SystemOptions.builder(root, workDir)
                .tokenKeyId("bench")
                .serviceJvmFlags(jvmFlags.get(WholeSystem.INTAKE))
                // the load generator posts from one address: the per-client limit would measure itself
                .serviceSetting("INTAKE_RATELIMIT_ENABLED", "false")
                .serviceSetting("INTAKE_DEMO_ENABLED", "false")
                .serviceEnvironment(serviceEnvironment)
                .sandboxJvmFlags(SANDBOX_JVM_FLAGS)
                // the bench reads /sandbox/stats, not the call log: keep the log small
                .sandboxSetting("SANDBOX_CALLS_MAXRECORDED", "5000")
                .readyTimeout(READY_TIMEOUT);
        for (String service : WholeSystem.SERVICES) {
            options.serviceJvmFlags(service, jvmFlags.get(service));
            ActuatorSettings.exposure(managementPorts.get(service))
                    .forEach((name, value) -> options.serviceSetting(service, name, value));
        }
        BenchStack stack = new BenchStack(WholeSystem.start(options.build()), managementPorts, Map.copyOf(jvmFlags),
                Map.copyOf(serviceEnvironment));
        try {
            WholeSystem.SERVICES.forEach(service -> stack.verify(service, List.of()));
            stack.system.sandbox().ifPresent(sandbox -> stack.check.verify("sandbox", sandbox.pid(), null,
                    List.of(ExpectedSetting.environmentOnly("SANDBOX_CALLS_MAXRECORDED", "5000")), SANDBOX_JVM_FLAGS));
        } catch (RuntimeException e) {
            stack.system.close();
            throw e;
        }
        return stack;
    }

    /** Reads back from the running {@code service} the settings every service gets plus {@code extra}; a mismatch throws. */
    public void verify(String service, List<ExpectedSetting> extra) {
        List<ExpectedSetting> expected = new ArrayList<>();
        expected.add(ExpectedSetting.of("MANAGEMENT_SERVER_PORT", "management.server.port", managementPorts.get(service)));
        boolean intake = service.equals(WholeSystem.INTAKE);
        expected.add(new ExpectedSetting("INTAKE_RATELIMIT_ENABLED", intake ? "intake.rate-limit.enabled" : null, "false"));
        expected.add(new ExpectedSetting("INTAKE_DEMO_ENABLED", intake ? "intake.demo.enabled" : null, "false"));
        serviceEnvironment.forEach((name, value) -> expected.add(ExpectedSetting.environmentOnly(name, value)));
        expected.addAll(extra);
        check.verify(service, system.service(service).pid(), managementUrl(service), expected, jvmFlags.get(service));
    }

    public String managementUrl(String service) {
        return "http://127.0.0.1:" + managementPorts.get(service);
    }

    public List<String> jvmFlags(String service) {
        return jvmFlags.get(service);
    }

    public WholeSystem system() {
        return system;
    }

    public SettingsCheck check() {
        return check;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for a management server", e);
        }
    }
}
