package io.checkoutrelay.bench.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.localstack.system.SystemOptions;
import io.checkoutrelay.localstack.system.WholeSystem;

/**
 * The {@link WholeSystem} as the bench runs it: free ports, the service JVM flags and settings under
 * test, a lean sandbox, no per-client rate limit and no demo page.
 */
public final class BenchStack {

    /** The sandbox stands in for remote APIs; lean flags so it takes as little of the 2 cores as it can. */
    public static final List<String> SANDBOX_JVM_FLAGS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");
    /** A service under load on 2 cores may take a while to answer its first health check. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private BenchStack() {
    }

    /** Starts everything; the start-up of each part and of the whole stack are kept for the results. */
    public static WholeSystem start(Path root, Path workDir, List<String> serviceJvmFlags,
                                    Map<String, String> serviceEnvironment) {
        return WholeSystem.start(SystemOptions.builder(root, workDir)
                .tokenKeyId("bench")
                .serviceJvmFlags(serviceJvmFlags)
                // the load generator posts from one address: the per-client limit would measure itself
                .serviceSetting("INTAKE_RATELIMIT_ENABLED", "false")
                .serviceSetting("INTAKE_DEMO_ENABLED", "false")
                .serviceEnvironment(serviceEnvironment)
                .sandboxJvmFlags(SANDBOX_JVM_FLAGS)
                // the bench reads /sandbox/stats, not the call log: keep the log small
                .sandboxSetting("SANDBOX_CALLS_MAXRECORDED", "5000")
                .readyTimeout(READY_TIMEOUT)
                .build());
    }
}
