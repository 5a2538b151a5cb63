package io.checkoutrelay.bench.report;

import static io.checkoutrelay.bench.report.Format.f0;
import static io.checkoutrelay.bench.report.Format.f1;
import static io.checkoutrelay.bench.report.Format.f2;
import static io.checkoutrelay.bench.report.Format.percent;
import static io.checkoutrelay.bench.report.Format.verdict;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.checkoutrelay.bench.scenario.PipelineScenario;
import io.checkoutrelay.bench.system.ResourceUsage;
import io.checkoutrelay.localstack.system.WholeSystem;

/** Scenarios 2 and 4 in the results file. */
final class PipelineSection {

    static final double RSS_LIMIT_MIB = 300;

    private PipelineSection() {
    }

    /** The issue's share of C / 0.3 s: 90% for C up to 64, 60% above. */
    static double targetShare(PipelineScenario.Run run) {
        return run.setup().baseline() ? 0 : run.setup().limit() <= 64 ? 0.9 : 0.6;
    }

    static void write(StringBuilder md, List<PipelineScenario.Run> runs) {
        md.append("## 2. Pipeline throughput with a slow CRM\n\n")
                .append("Sandbox CRM latency 300 ms per call and a CRM concurrency limit C (`sandbox.crm.max-concurrent`: ")
                .append("a call above C gets 429 at once); the importer gets `CRM_MAX_CONCURRENT_CALLS=C` and its rate ")
                .append("limiter lifted (`RESILIENCE4J_RATELIMITER_INSTANCES_CHECKOUTCHAMP_LIMITFORPERIOD=100000`; the ")
                .append("default 200 calls/s would cap C=128 at 200 calls/s). 6 partitions. Amazon latency 0. Checkouts ")
                .append("are posted open-loop at 1.2 × C / 0.6 s so a backlog always waits; throughput = checkouts ")
                .append("IMPORTED (create time of their `crm.order.imported.v1` record) per second of the window. The ")
                .append("baseline is one CRM call at a time per partition: `CRM_MAX_CONCURRENT_CALLS=6`, ")
                .append("`CRMIMPORTER_CONSUMER_MAXINFLIGHT=6` (at most 6 records in flight), sandbox limit 6. Each setup's ")
                .append("importer starts on a consumer group of its own at the end of the input, is warmed up with 40 ")
                .append("checkouts taken to IMPORTED, then measured; what is still queued when the window closes is left ")
                .append("behind, not carried into the next setup.\n\n")
                .append("**Each order costs two CRM calls** (Import Lead, then Import Order into that lead: ARCHITECTURE.md, ")
                .append("\"Exactly one CRM order per checkout\"); calls per order below are counted by the sandbox over ")
                .append("the 40 warm-up checkouts of each setup, taken all the way to IMPORTED. So C ")
                .append("concurrent calls of 0.3 s allow at most C / (calls per order × 0.3 s) orders/s, half the ")
                .append("issue's C / 0.3 s: the exactly-once protocol needs both calls (Import Lead gives the CRM orderId ")
                .append("that the ledger records as SUBMITTING before Import Order, and that Order Query settles an ")
                .append("ambiguous answer by), so the effective limit is the target's base. Both are ")
                .append("reported: the issue's limit, the effective limit, and CRM calls/s ")
                .append("against C / 0.3 s (the CRM-side utilisation).\n\n")
                .append("| setup | offered/s | imported/s | issue limit C/0.3 | % of it | calls/order | effective limit | ")
                .append("% of it | CRM calls/s | C/0.3 calls/s | % of it | peak CRM concurrency | 429s | declined | ")
                .append("not imported 2 s after the window | backlog at window end: enricher / importer |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PipelineScenario.Run r : runs) {
            md.append("| ").append(r.setup().label()).append(" | ").append(f0(r.offeredRate())).append(" | **")
                    .append(f1(r.importedPerSecond())).append("** | ").append(f0(r.setup().issueLimit())).append(" | ")
                    .append(percent(r.importedPerSecond(), r.setup().issueLimit())).append(" | ")
                    .append(f2(r.callsPerOrder())).append(" | ").append(f1(r.effectiveLimit())).append(" | ")
                    .append(percent(r.importedPerSecond(), r.effectiveLimit())).append(" | ")
                    .append(f0(r.crmCallsPerSecond())).append(" | ").append(f0(r.callLimit())).append(" | ")
                    .append(percent(r.crmCallsPerSecond(), r.callLimit())).append(" | ").append(r.crmPeakConcurrency())
                    .append(" | ").append(r.crmTooManyRequests()).append(" | ").append(r.declined()).append(" | ")
                    .append(r.unfinished()).append(" | ").append(r.enricherBacklog()).append(" / ")
                    .append(r.importerBacklog()).append(" |\n");
        }
        md.append("\n| target | figure | limit | verdict |\n|---|---|---|---|\n");
        for (PipelineScenario.Run r : runs) {
            if (r.setup().baseline()) {
                continue;
            }
            double share = targetShare(r);
            double needed = share * r.setup().issueLimit();
            md.append("| ").append(r.setup().label()).append(": ≥ ").append(f0(share * 100))
                    .append("% of the effective limit C / (").append(f2(r.callsPerOrder() > 0 ? r.callsPerOrder() : 2))
                    .append(" calls × 0.3 s) = ").append(f1(share * r.effectiveLimit())).append(" orders/s | ")
                    .append(f1(r.importedPerSecond())).append("/s | ").append(f1(r.effectiveLimit())).append("/s | ")
                    .append(verdict(r.importedPerSecond() >= share * r.effectiveLimit())).append(" (")
                    .append(percent(r.importedPerSecond(), r.effectiveLimit())).append(") |\n");
            md.append("| ").append(r.setup().label()).append(": the issue's wording, ≥ ").append(f0(share * 100))
                    .append("% of C/0.3 = ").append(f0(needed)).append(" orders/s | ").append(f1(r.importedPerSecond()))
                    .append("/s | ").append(f0(r.setup().issueLimit())).append("/s | ")
                    .append(verdict(r.importedPerSecond() >= needed)).append(" (")
                    .append(percent(r.importedPerSecond(), r.setup().issueLimit()))
                    .append("; two calls per order cap it at ").append(percent(r.effectiveLimit(), r.setup().issueLimit()))
                    .append(") |\n");
        }
        runs.stream().filter(r -> r.setup().baseline()).findFirst().ifPresent(base -> runs.stream()
                .filter(r -> !r.setup().baseline()).reduce((a, b) -> b).ifPresent(top -> md.append("\nKey-level ")
                        .append("parallelism: the one-call-per-partition baseline imports ").append(f1(base.importedPerSecond()))
                        .append("/s; with C=").append(top.setup().limit()).append(" the same 6 partitions import ")
                        .append(f1(top.importedPerSecond())).append("/s (×").append(f1(top.importedPerSecond()
                                / Math.max(0.001, base.importedPerSecond()))).append(").\n")));
        md.append('\n');
    }

    static void writeResources(StringBuilder md, List<PipelineScenario.Run> runs, double generatorSeconds) {
        md.append("## 4. Resources during scenario 2\n\n")
                .append("From /proc, every 0.5 s, inside each run's measurement window: peak RSS (VmRSS), the lifetime ")
                .append("peak (VmHWM), and CPU (utime + stime) as a share of one core (200% = both cores busy). The ")
                .append("importer is restarted for each setup; the intake and the enricher run through all of them. ")
                .append("The broker, registry, sandbox, load generator and the whole machine (/proc/stat) are shown ")
                .append("because they share the same 2 cores.\n\n")
                .append("| setup | process | peak RSS | lifetime peak (VmHWM) | CPU (one core = 100%) |\n")
                .append("|---|---|---|---|---|\n");
        for (PipelineScenario.Run r : runs) {
            for (ResourceUsage u : r.resources().values()) {
                boolean machine = u.name().equals(PipelineScenario.MACHINE);
                md.append("| ").append(r.setup().label()).append(" | ").append(u.name()).append(" | ")
                        .append(machine ? "—" : f0(u.peakRssMiB()) + " MiB").append(" | ")
                        .append(machine ? "—" : f0(u.lifetimePeakRssMiB()) + " MiB").append(" | ")
                        .append(f0(u.cpuPercentOfOneCore())).append("% |\n");
            }
            if (r.load().generatorCpuMillis() >= 0 && generatorSeconds > 0) {
                md.append("| ").append(r.setup().label()).append(" | load generator (warm-up + window) | — | — | ")
                        .append(f0(r.load().generatorCpuMillis() / 10.0 / generatorSeconds)).append("% |\n");
            }
        }
        md.append("\n| target | figure | limit | verdict |\n|---|---|---|---|\n");
        peakRssByService(runs).forEach((service, peak) -> md.append("| ").append(service).append(" RSS during scenario 2 | ")
                .append(f0(peak)).append(" MiB | 300 MiB | ").append(verdict(peak < RSS_LIMIT_MIB)).append(" (")
                .append(percent(peak, RSS_LIMIT_MIB)).append(" of the limit) |\n"));
        md.append('\n');
    }

    /** Each service's highest RSS over every setup's measurement window (the memory target's figure). */
    static Map<String, Double> peakRssByService(List<PipelineScenario.Run> runs) {
        Map<String, Double> peaks = new TreeMap<>();
        runs.forEach(run -> run.resources().values().stream().filter(u -> WholeSystem.SERVICES.contains(u.name()))
                .forEach(u -> peaks.merge(u.name(), u.peakRssMiB(), Math::max)));
        return peaks;
    }
}
