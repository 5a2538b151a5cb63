package io.checkoutrelay.bench.scenario;

import io.checkoutrelay.bench.system.ResourceUsage;

/**
 * Scenario 5, on paper: from per-instance figures measured in this run, what a target rate needs.
 * Replicas are sized to run at 70% of what one instance did here; partitions are at least twice the
 * largest consumer replica count (room to scale out) and a multiple of 6.
 */
public record ScalingPlan(int targetPerSecond, double crmConcurrentCalls, int crmAccountsAtReported,
                          int crmAccountsAtBenchLimit, int intakeReplicas, int enricherReplicas, int importerReplicas,
                          int partitions, double brokerRecordsPerSecond) {

    public static final double HEADROOM = 0.7;
    /** The CheckoutChamp limit one report gives (external-apis.md): about 10 open requests per account. */
    public static final int REPORTED_CALLS_PER_ACCOUNT = 10;
    /** Records per checkout over all topics: intake 2, enricher 2, importer 5 (ledger 3, result, status). */
    public static final int RECORDS_PER_CHECKOUT = 9;

    /** What one instance of each service did, as measured. */
    public record PerInstance(double intakeAcceptedPerSecond, double importerOrdersPerSecond, int importerCrmLimit,
                              double callsPerOrder, double enricherCoreSecondsPerOrder,
                              double importerCoreSecondsPerOrder) {

        public static PerInstance from(double intakeAcceptedPerSecond, PipelineScenario.Run run) {
            return new PerInstance(intakeAcceptedPerSecond, run.importedPerSecond(), run.setup().limit(),
                    run.callsPerOrder() > 0 ? run.callsPerOrder() : PipelineScenario.ASSUMED_CALLS_PER_ORDER,
                    coreSecondsPerOrder(run.resources().get("profile-enricher"), run.importedPerSecond()),
                    coreSecondsPerOrder(run.resources().get("crm-importer"), run.importedPerSecond()));
        }

        private static double coreSecondsPerOrder(ResourceUsage usage, double ordersPerSecond) {
            if (usage == null || ordersPerSecond <= 0 || usage.wallSeconds() <= 0) {
                return 0;
            }
            return usage.cpuSeconds() / usage.wallSeconds() / ordersPerSecond;
        }
    }

    public static ScalingPlan forRate(int target, PerInstance measured) {
        double concurrent = target * measured.callsPerOrder() * CrmSetup.CRM_LATENCY_SECONDS;
        int importerByCrm = ceil(target / (HEADROOM * measured.importerOrdersPerSecond()));
        int importerByCpu = ceil(target * measured.importerCoreSecondsPerOrder() / HEADROOM);
        int importer = Math.max(importerByCrm, importerByCpu);
        int enricher = Math.max(1, ceil(target * measured.enricherCoreSecondsPerOrder() / HEADROOM));
        int intake = ceil(target / (HEADROOM * measured.intakeAcceptedPerSecond()));
        int partitions = Math.max(6, 6 * ceil(2.0 * Math.max(importer, enricher) / 6));
        return new ScalingPlan(target, concurrent, ceil(concurrent / REPORTED_CALLS_PER_ACCOUNT),
                ceil(concurrent / measured.importerCrmLimit()), intake, enricher, importer, partitions,
                (double) target * RECORDS_PER_CHECKOUT);
    }

    private static int ceil(double value) {
        return (int) Math.ceil(value - 1e-9);
    }
}
