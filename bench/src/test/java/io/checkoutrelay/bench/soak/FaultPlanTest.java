package io.checkoutrelay.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.localstack.system.WholeSystem;

class FaultPlanTest {

    @Test
    void theFullPlanHasTheIssuesFaultsSpreadOverTheLoad() {
        FaultPlan plan = FaultPlan.full(Duration.ofSeconds(25));

        assertThat(plan.counts()).containsEntry("importer SIGKILL", 5).containsEntry("importer SIGSTOP 25 s, SIGCONT", 2)
                .containsEntry("enricher SIGKILL", 3).containsEntry("intake SIGKILL", 2)
                .containsEntry("broker restart", 1).containsEntry("registry restart", 1);
        assertThat(plan.steps().get(0).atProgress()).isEqualTo(0.05);
        assertThat(plan.steps().get(plan.steps().size() - 1).atProgress()).isEqualTo(0.90);
    }

    @Test
    void theCiPlanKillsAndFreezesTheImporterAndKillsTheEnricher() {
        assertThat(FaultPlan.ci(Duration.ofSeconds(25)).steps()).extracting(FaultPlan.Step::fault).containsExactly(
                new Fault.Kill(WholeSystem.IMPORTER), new Fault.Freeze(WholeSystem.IMPORTER, Duration.ofSeconds(25)),
                new Fault.Kill(WholeSystem.ENRICHER));
    }

    @Test
    void stepsOutOfLoadOrderOrOutsideTheLoadAreRefused() {
        assertThatThrownBy(() -> new FaultPlan("x", List.of(new FaultPlan.Step(0.5, new Fault.BrokerRestart()),
                new FaultPlan.Step(0.2, new Fault.RegistryRestart())))).hasMessageContaining("load order");
        assertThatThrownBy(() -> new FaultPlan.Step(1.5, new Fault.BrokerRestart())).hasMessageContaining("between 0 and 1");
    }
}
