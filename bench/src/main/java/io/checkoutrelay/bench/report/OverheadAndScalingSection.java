package io.checkoutrelay.bench.report;

import static io.checkoutrelay.bench.report.Format.f0;
import static io.checkoutrelay.bench.report.Format.f1;
import static io.checkoutrelay.bench.report.Format.f2;
import static io.checkoutrelay.bench.report.Format.verdict;

import java.util.List;

import io.checkoutrelay.bench.scenario.OverheadScenario;
import io.checkoutrelay.bench.scenario.ScalingPlan;

/** Scenarios 3 and 5 in the results file. */
final class OverheadAndScalingSection {

    static final long OVERHEAD_P99_LIMIT_MILLIS = 50;

    private OverheadAndScalingSection() {
    }

    static void writeOverhead(StringBuilder md, OverheadScenario.Result r, double maxRate) {
        md.append("## 3. End-to-end overhead at half the maximum rate\n\n")
                .append("Open loop at ").append(f1(r.rate())).append(" checkouts/s (")
                .append(Math.abs(r.rate() - maxRate / 2) < 0.05 ? "half of " + f1(maxRate)
                        + "/s, the highest rate scenario 2 measured" : "set by --e2e-rate")
                .append("), importer and sandbox CRM limit C=")
                .append(r.setup().limit()).append(" as in that setup (fresh consumer group, warmed up), sandbox Amazon latency 50 ms. End-to-end = create time of the checkout's ")
                .append("`crm.order.imported.v1` record minus the moment the generator sent its POST. The sandbox's own ")
                .append("time per checkout = CRM calls per checkout × 300 ms + Amazon calls per checkout × 50 ms, with the ")
                .append("calls counted by the sandbox: ").append(f2(r.crmCallsPerCheckout())).append(" CRM and ")
                .append(f2(r.amazonCallsPerCheckout())).append(" Amazon calls per checkout = ")
                .append(f0(r.sandboxMillisPerCheckout())).append(" ms. Overhead = end-to-end − that.\n\n")
                .append("| | p50 | p90 | p99 | max | checkouts |\n|---|---|---|---|---|---|\n")
                .append("| POST → IMPORTED | ").append(r.endToEndMillis().at(50)).append(" ms | ")
                .append(r.endToEndMillis().at(90)).append(" ms | ").append(r.endToEndMillis().at(99)).append(" ms | ")
                .append(r.endToEndMillis().max()).append(" ms | ").append(r.measured()).append(" |\n")
                .append("| overhead (minus sandbox time) | ").append(r.overheadMillis().at(50)).append(" ms | ")
                .append(r.overheadMillis().at(90)).append(" ms | **").append(r.overheadMillis().at(99)).append(" ms** | ")
                .append(r.overheadMillis().max()).append(" ms | ").append(r.measured()).append(" |\n\n")
                .append("Checkouts of the window not imported: ").append(r.missing()).append(".\n\n")
                .append("| target | figure | limit | verdict |\n|---|---|---|---|\n")
                .append("| p99 overhead | ").append(r.overheadMillis().at(99)).append(" ms | 50 ms | ")
                .append(verdict(r.overheadMillis().at(99) <= OVERHEAD_P99_LIMIT_MILLIS)).append(" |\n\n");
        writeHops(md, r);
        writeTraffic(md, r);
    }

    /** Where the time goes: the steps between the create times of the records each checkout left on the topics. */
    static void writeHops(StringBuilder md, OverheadScenario.Result r) {
        if (r.hops() == null || r.hops().isEmpty()) {
            return;
        }
        md.append("### Where the time goes\n\n")
                .append("Per checkout of the window, the create time of each record the pipeline wrote for it (read back ")
                .append("with read_committed): a record's create time is when its producer sent it inside the transaction ")
                .append("that commits it, so a step holds that commit, its marker, the next consumer's fetch, the work ")
                .append("(with its sandbox call) and the wait for the transaction carrying the next record. Percentiles ")
                .append("are per step, so they do not add up to the end-to-end ones.\n\n")
                .append("| step | sandbox | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|\n");
        for (var hop : r.hops()) {
            md.append("| ").append(hop.name()).append(" | ").append(hop.sandboxMillis()).append(" ms | ")
                    .append(hop.millis().at(50)).append(" ms | ").append(hop.millis().at(90)).append(" ms | ")
                    .append(hop.millis().at(99)).append(" ms | ").append(hop.millis().max()).append(" ms |\n");
        }
        md.append("\n");
    }

    /** Records and transaction markers per checkout on every topic, over all of scenario 3 (everything imported). */
    static void writeTraffic(StringBuilder md, OverheadScenario.Result r) {
        if (r.traffic() == null || r.checkouts() == 0 || r.traffic().offsets().isEmpty()) {
            return;
        }
        md.append("### Kafka records per order\n\n")
                .append("Over all of scenario 3 (").append(f0(r.checkouts())).append(" checkouts posted, warm-up included, ")
                .append("each taken to its outcome): per topic, the offsets taken ÷ checkouts, and of them the records ")
                .append("(read back with read_uncommitted); the rest are transaction markers, one in each partition a ")
                .append("transaction wrote to, when it commits. The services' Prometheus endpoints publish no Kafka ")
                .append("producer metrics (no record-send-total, no transaction counts), so this is counted on the broker's ")
                .append("side.\n\n| topic | records per checkout | markers per checkout |\n|---|---|---|\n");
        double totalRecords = 0;
        double totalMarkers = 0;
        for (var e : r.traffic().offsets().entrySet()) {
            long records = r.traffic().records().getOrDefault(e.getKey(), 0L);
            double perRecord = (double) records / r.checkouts();
            double perMarker = (double) (e.getValue() - records) / r.checkouts();
            totalRecords += perRecord;
            totalMarkers += perMarker;
            md.append("| `").append(e.getKey()).append("` | ").append(f2(perRecord)).append(" | ").append(f2(perMarker))
                    .append(" |\n");
        }
        md.append("| **all topics** | **").append(f2(totalRecords)).append("** | **").append(f2(totalMarkers))
                .append("** |\n\n");
    }

    static void writeScaling(StringBuilder md, ScalingPlan.PerInstance m, List<ScalingPlan> plans) {
        md.append("## 5. Scaling on paper\n\n")
                .append("Per-instance figures measured above: intake ").append(f0(m.intakeAcceptedPerSecond()))
                .append(" accepted/s (scenario 1, best level); importer ").append(f1(m.importerOrdersPerSecond()))
                .append(" orders/s with C=").append(m.importerCrmLimit()).append(" CRM calls of 300 ms and ")
                .append(f2(m.callsPerOrder())).append(" calls per order; CPU per order in that run: enricher ")
                .append(f2(m.enricherCoreSecondsPerOrder() * 1000)).append(" core-ms, importer ")
                .append(f2(m.importerCoreSecondsPerOrder() * 1000)).append(" core-ms. Replicas are sized to ")
                .append(f0(ScalingPlan.HEADROOM * 100)).append("% of a measured instance (enricher and importer: of ")
                .append("one core, from CPU per order; importer also by CRM calls: C per replica); partitions ≥ 2 × the ")
                .append("largest consumer replica count, a multiple of 6 (a partition is consumed by one replica; key-level ")
                .append("parallelism makes the partition count independent of CRM latency). CRM accounts: concurrent ")
                .append("calls needed ÷ calls allowed per account, at the ~").append(ScalingPlan.REPORTED_CALLS_PER_ACCOUNT)
                .append(" open requests per account one report gives (external-apis.md) and at C=").append(m.importerCrmLimit())
                .append(" as benchmarked. Broker load ≈ ").append(ScalingPlan.RECORDS_PER_CHECKOUT)
                .append(" records per checkout (intake 2, enricher 2, importer 5), compare with the producer perf test.\n\n")
                .append("| orders/s | concurrent CRM calls | CRM accounts (10 calls each) | CRM accounts (C=")
                .append(m.importerCrmLimit()).append(" each) | intake replicas | enricher replicas | importer replicas | ")
                .append("partitions | broker records/s |\n|---|---|---|---|---|---|---|---|---|\n");
        for (ScalingPlan p : plans) {
            md.append("| ").append(f0(p.targetPerSecond())).append(" | ").append(f0(p.crmConcurrentCalls())).append(" | ")
                    .append(p.crmAccountsAtReported()).append(" | ").append(p.crmAccountsAtBenchLimit()).append(" | ")
                    .append(p.intakeReplicas()).append(" | ").append(p.enricherReplicas()).append(" | ")
                    .append(p.importerReplicas()).append(" | ").append(p.partitions()).append(" | ")
                    .append(f0(p.brokerRecordsPerSecond())).append(" |\n");
        }
        md.append('\n');
    }
}
