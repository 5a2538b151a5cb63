package io.checkoutrelay.bench.report;

import static io.checkoutrelay.bench.report.Format.f0;
import static io.checkoutrelay.bench.report.Format.f2;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.checkoutrelay.bench.scenario.IntakeScenario;
import io.checkoutrelay.bench.scenario.PipelineScenario;
import io.checkoutrelay.localstack.system.WholeSystem;

/**
 * The headline: core-milliseconds of CPU per order for each service, against the targets and against
 * what this 2-core machine allows (2,000 core-ms per second).
 */
final class CpuSection {

    /** The targets, core-ms per imported checkout (intake: per accepted checkout). */
    static final Map<String, Double> TARGETS = Map.of(WholeSystem.ENRICHER, 1.5, WholeSystem.IMPORTER, 2.0,
            WholeSystem.INTAKE, 0.4);
    static final double MACHINE_CORE_MS_PER_SECOND = 2000;

    private CpuSection() {
    }

    static void write(StringBuilder md, IntakeScenario.Result intake, List<PipelineScenario.Run> runs) {
        md.append("## CPU per order (headline)\n\n")
                .append("Core-milliseconds per order = a process's CPU time (utime + stime from /proc/<pid>/stat, sampled ")
                .append("every 0.5 s) over the measured window ÷ the checkouts IMPORTED in that window (scenario 2); for ")
                .append("the intake ÷ the checkouts accepted (202) in the window (scenario 1, enricher and importer ")
                .append("stopped). The machine's limit: 2 cores = 2,000 core-ms per second, so a process needing x core-ms ")
                .append("per order could at most do 2,000 / x orders/s if it had the machine to itself; the whole machine ")
                .append("row (all processes, /proc/stat) gives the rate the machine as a whole allows.\n\n");
        if (!runs.isEmpty()) {
            md.append("| setup | imported/s |");
            List<String> processes = List.of(WholeSystem.ENRICHER, WholeSystem.IMPORTER, WholeSystem.INTAKE,
                    "kafka broker", "sandbox", PipelineScenario.MACHINE);
            processes.forEach(p -> md.append(' ').append(p).append(" |"));
            md.append(" machine's limit at that cost |\n|---|---|");
            processes.forEach(p -> md.append("---|"));
            md.append("---|\n");
            for (PipelineScenario.Run run : runs) {
                md.append("| ").append(run.setup().label()).append(" | ").append(Format.f1(run.importedPerSecond())).append(" |");
                processes.forEach(p -> md.append(' ').append(coreMs(run.cpuMillisPerOrder(p))).append(" |"));
                double machine = run.cpuMillisPerOrder(PipelineScenario.MACHINE);
                md.append(' ').append(Double.isNaN(machine) ? "—" : f0(MACHINE_CORE_MS_PER_SECOND / machine) + " orders/s")
                        .append(" |\n");
            }
            md.append("\nThe intake's figure in this table is per imported order while it also answers the posts of the ")
                    .append("backlog that is not imported yet, so it is not the intake's cost per checkout; that is below.\n\n");
        }
        md.append("| target | figure | limit | verdict |\n|---|---|---|---|\n");
        if (!runs.isEmpty()) {
            for (String service : List.of(WholeSystem.ENRICHER, WholeSystem.IMPORTER)) {
                double target = TARGETS.get(service);
                for (PipelineScenario.Run run : runs) {
                    if (run.setup().baseline()) {
                        continue;
                    }
                    double figure = run.cpuMillisPerOrder(service);
                    md.append("| ").append(service).append(" ≤ ").append(f2(target)).append(" core-ms per imported order (")
                            .append(run.setup().label()).append(") | ").append(coreMs(figure)).append(" | ")
                            .append(f2(target)).append(" core-ms | ").append(verdict(figure, target)).append(" |\n");
                }
            }
        }
        if (intake != null && !intake.intakeCpuMillis().isEmpty()) {
            for (int i = 0; i < intake.intake().size(); i++) {
                double figure = intake.intakeCpuMillis().get(i);
                md.append("| order-intake ≤ 0.40 core-ms per accepted checkout (").append(intake.intake().get(i).connections())
                        .append(" connections, ").append(f0(intake.intake().get(i).acceptedPerSecond())).append("/s) | ")
                        .append(coreMs(figure)).append(" | 0.40 core-ms | ").append(verdict(figure, 0.4)).append(" |\n");
            }
            if (!intake.bareCpuMillis().isEmpty()) {
                md.append("\nThe bare Spring MVC endpoint (same flags, no validation, no Kafka) costs ")
                        .append(String.join(" / ", intake.bareCpuMillis().stream().map(CpuSection::coreMs).toList()))
                        .append(" per answer at ")
                        .append(String.join(" / ", intake.bare().stream().map(l -> Integer.toString(l.connections())).toList()))
                        .append(" connections: the HTTP stack's share of the intake's cost.\n");
            }
        }
        md.append('\n');
    }

    static String coreMs(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f core-ms", value);
    }

    private static String verdict(double figure, double target) {
        if (Double.isNaN(figure)) {
            return "not measured";
        }
        return figure <= target ? "**met**" : String.format(Locale.ROOT, "**missed** (%.1f× the target)", figure / target);
    }
}
