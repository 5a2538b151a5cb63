package io.checkoutrelay.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScalingPlanTest {

    @Test
    void crmConcurrencyAndReplicasFollowFromTheMeasuredFigures() {
        // importer: 200 orders/s with C=128; 2 calls per order; 1 core-ms per order in both consumers
        ScalingPlan.PerInstance measured = new ScalingPlan.PerInstance(1500, 200, 128, 2.0, 0.001, 0.001);

        ScalingPlan plan = ScalingPlan.forRate(1000, measured);

        assertThat(plan.crmConcurrentCalls()).isEqualTo(600.0);
        assertThat(plan.crmAccountsAtReported()).isEqualTo(60);
        assertThat(plan.crmAccountsAtBenchLimit()).isEqualTo(5);
        assertThat(plan.importerReplicas()).isEqualTo(8);   // 1000 / (0.7 * 200) = 7.1
        assertThat(plan.enricherReplicas()).isEqualTo(2);   // 1000 * 0.001 / 0.7 = 1.4
        assertThat(plan.intakeReplicas()).isEqualTo(1);     // 1000 / (0.7 * 1500) = 0.95
        assertThat(plan.partitions()).isEqualTo(18);        // 2 * 8 = 16, up to a multiple of 6
        assertThat(plan.brokerRecordsPerSecond()).isEqualTo(9000.0);
    }

    @Test
    void theLimitsOfASetup() {
        CrmSetup c64 = CrmSetup.limit(64);

        assertThat(c64.issueLimit()).isEqualTo(64 / 0.3);
        assertThat(c64.effectiveLimit(2)).isEqualTo(64 / 0.6);
        assertThat(c64.importerEnvironment()).containsEntry("CRM_MAX_CONCURRENT_CALLS", "64")
                .doesNotContainKey("CRMIMPORTER_CONSUMER_MAXINFLIGHT");
        assertThat(CrmSetup.onePerPartition().importerEnvironment())
                .containsEntry("CRM_MAX_CONCURRENT_CALLS", "6").containsEntry("CRMIMPORTER_CONSUMER_MAXINFLIGHT", "6");
        assertThat(CrmSetup.onePerPartition().issueLimit()).isEqualTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c64.sandboxSettings("50ms")).containsEntry("crm.latency", "300ms").containsEntry("crm.max-concurrent", 64);
    }
}
