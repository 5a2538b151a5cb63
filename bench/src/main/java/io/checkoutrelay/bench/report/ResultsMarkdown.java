package io.checkoutrelay.bench.report;

import static io.checkoutrelay.bench.report.Format.f0;
import static io.checkoutrelay.bench.report.Format.seconds;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import java.util.ArrayList;
import java.util.List;

import io.checkoutrelay.bench.Timing;
import io.checkoutrelay.bench.profile.HotMethods;
import io.checkoutrelay.bench.scenario.PipelineScenario;
import io.checkoutrelay.bench.system.BenchStack;

/** The results file: how the run was made, then each scenario's figures beside its limit. */
public final class ResultsMarkdown {

    private ResultsMarkdown() {
    }

    public static String render(BenchReport report, String chartFileName) {
        StringBuilder md = new StringBuilder();
        BenchReport.Environment env = report.environment();
        Timing t = report.timing();
        md.append("# Benchmark results ").append(report.options().name()).append("\n\n")
                .append("Run ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(report.startedAt().atOffset(ZoneOffset.UTC)
                        .withNano(0))).append(" UTC, took ").append(seconds(report.took())).append(report.options().quick()
                        ? " (**--quick**: short windows, a smoke run, not for the record)" : "").append(". Commit `")
                .append(env.gitCommit()).append("`.\n\n")
                .append("Command: `./mvnw -B package -DskipTests && java -jar bench/target/bench.jar")
                .append(report.options().toArguments()).append("` (see bench/README.md).\n\n")
                .append("![throughput and latency](").append(chartFileName).append(")\n\n")
                .append("## How it was measured\n\n")
                .append("- Machine: ").append(env.cpus()).append(" CPUs (").append(env.cpuModel()).append("), ")
                .append(f0(env.memoryMiB())).append(" MiB RAM, ").append(env.javaVersion())
                .append(". Load average before: ").append(env.loadBefore()).append("; after: ").append(env.loadAfter())
                .append(".\n")
                .append("- Everything on this one machine, each its own process: a real KRaft Kafka broker (one node), a ")
                .append("real Apicurio registry, the sandbox (Amazon + CheckoutChamp stand-in), the three service jars ")
                .append("and the load generator. **The generator competes with the services for the same 2 cores**; ")
                .append("it is kept lean (blocking sockets, prepared requests, no client library), but on a dedicated ")
                .append("machine the services would have more CPU.\n")
                .append("- Service JVM flags: ").append(String.join("; ", report.options().jvmFlagsByService().entrySet()
                        .stream().map(e -> e.getKey() + " `" + String.join(" ", e.getValue()) + "`").toList()))
                .append("").append(report.options().serviceEnvironment().isEmpty() ? "" : ", environment `"
                        + report.options().serviceEnvironment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining(" ")) + "`")
                .append(" (the bare endpoint gets the intake's flags). Generator: `").append(String.join(" ", report.generatorJvmFlags()))
                .append("`. Broker: `-Xms128m -Xmx512m -XX:+UseG1GC`; registry `-Xms64m -Xmx384m` (local-stack's); ")
                .append("sandbox `").append(String.join(" ", BenchStack.SANDBOX_JVM_FLAGS)).append("`.\n")
                .append("- Windows: scenario 1 ").append(f0(t.intakeColdStart())).append(" s of load once before the first level (JIT warm-up), then ")
                .append(f0(t.intakeWarmup())).append(" s warm-up + ").append(f0(t.intakeWindow()))
                .append(" s measured per level; scenario 2 ").append(f0(t.pipelineWarmup())).append(" s + ")
                .append(f0(t.pipelineWindow())).append(" s per setup; scenario 3 ").append(f0(t.overheadWarmup()))
                .append(" s + ").append(f0(t.overheadWindow())).append(" s. Percentiles are exact (HdrHistogram, 3 ")
                .append("significant digits, or sorted arrays), never averages; open-loop latency counts from the ")
                .append("scheduled send time.\n\n");
        CpuSection.write(md, report.intake(), report.pipeline());
        startup(md, report);
        if (report.intake() != null) {
            IntakeSection.write(md, report.intake());
        }
        if (!report.pipeline().isEmpty()) {
            PipelineSection.write(md, report.pipeline());
        }
        if (report.overhead() != null) {
            double max = report.pipeline().stream().mapToDouble(PipelineScenario.Run::importedPerSecond).max().orElse(0);
            OverheadAndScalingSection.writeOverhead(md, report.overhead(), max);
        }
        if (!report.pipeline().isEmpty()) {
            PipelineSection.writeResources(md, report.pipeline(), t.pipelineWarmup() + t.pipelineWindow());
        }
        if (report.perInstance() != null) {
            OverheadAndScalingSection.writeScaling(md, report.perInstance(), report.plans());
        }
        List<HotMethods> profiles = new ArrayList<>();
        if (report.intake() != null && report.intake().intakeProfile().samples() > 0) {
            profiles.add(report.intake().intakeProfile());
        }
        report.pipeline().forEach(run -> run.profiles().stream().filter(p -> p.samples() > 0).forEach(profiles::add));
        ProfileSection.write(md, profiles);
        SettingsSection.write(md, report.settingsReadBack());
        return md.toString();
    }

    private static void startup(StringBuilder md, BenchReport report) {
        md.append("## Start-up (scenario 4)\n\n")
                .append("Process start to first healthy answer (broker: describeCluster; registry: system info; others: ")
                .append("`/actuator/health` 200, for the services `/actuator/health/liveness`). Broker, registry and sandbox ")
                .append("start in parallel, then the services one ")
                .append("after the other.\n\n| part | start-up |\n|---|---|\n");
        report.startupTimes().forEach((name, d) -> md.append("| ").append(name).append(" | ").append(seconds(d)).append(" |\n"));
        md.append("| **whole local stack** | **").append(seconds(report.wholeStackStartup())).append("** |\n\n");
        if (report.intake() != null) {
            md.append("Bare endpoint start-up: ").append(seconds(report.intake().bareStartup())).append(".\n\n");
        }
    }
}
