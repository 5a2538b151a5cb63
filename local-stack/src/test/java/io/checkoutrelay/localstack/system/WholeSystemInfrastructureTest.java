package io.checkoutrelay.localstack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An infrastructure-only whole system: what this module can start without the service modules built. */
class WholeSystemInfrastructureTest {

    @TempDir
    Path workDir;

    @Test
    void startsBrokerAndRegistryReportsTheirStartupAndLeavesNoProcessBehind() {
        Map<String, Long> pids;
        try (WholeSystem system = WholeSystem.start(SystemOptions.builder(workDir, workDir)
                .infrastructureOnly(true).build())) {
            assertThat(system.startupTimes()).containsOnlyKeys("kafka broker", "apicurio registry");
            assertThat(system.startupTimes().values()).allSatisfy(d -> assertThat(d).isPositive());
            assertThat(system.wholeStackStartup()).isGreaterThanOrEqualTo(system.startupTimes().get("kafka broker"));
            assertThat(system.sandbox()).isEmpty();
            assertThat(system.isRunning(WholeSystem.INTAKE)).isFalse();
            assertThatThrownBy(() -> system.service(WholeSystem.INTAKE)).hasMessage("order-intake is not running");
            assertThat(system.serviceLog(WholeSystem.IMPORTER))
                    .isEqualTo(workDir.resolve("crm-importer").resolve("crm-importer.log"));
            pids = system.allPids();
            assertThat(pids).containsOnlyKeys("kafka broker", "apicurio registry");
            assertThat(pids.values()).allSatisfy(pid -> assertThat(isAlive(pid)).isTrue());
        }
        assertThat(pids.values()).allSatisfy(pid -> assertThat(isAlive(pid)).as("pid " + pid + " after close").isFalse());
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
