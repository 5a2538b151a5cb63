package io.checkoutrelay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.checkoutrelay.bench.load.GeneratorProcess;
import io.checkoutrelay.bench.measure.OutcomeWatcher;
import io.checkoutrelay.bench.report.BenchReport;
import io.checkoutrelay.bench.report.RssChart;
import io.checkoutrelay.bench.report.RssSection;
import io.checkoutrelay.bench.scenario.RssRun;
import io.checkoutrelay.bench.report.ResultsChart;
import io.checkoutrelay.bench.report.ResultsMarkdown;
import io.checkoutrelay.bench.scenario.CrmSetup;
import io.checkoutrelay.bench.scenario.IntakeScenario;
import io.checkoutrelay.bench.scenario.OverheadScenario;
import io.checkoutrelay.bench.scenario.PipelineScenario;
import io.checkoutrelay.bench.scenario.ScalingPlan;
import io.checkoutrelay.bench.system.BenchStack;
import io.checkoutrelay.bench.system.ConsumerGroups;
import io.checkoutrelay.localstack.system.WholeSystem;
import io.checkoutrelay.schemas.topic.Topics;

/**
 * {@code java -jar bench/target/bench.jar [--quick] [--scenarios ...]}: starts the whole system,
 * runs the scenarios, writes bench/results/NAME.md and NAME.png. See {@link BenchOptions#USAGE}.
 */
public final class Bench {

    static final String ENRICHER_GROUP = "profile-enricher";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--soak")) {
            io.checkoutrelay.bench.soak.Soak.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Path root = RepositoryRoot.find();
        Path resultsDir = options.resultsDir() != null ? options.resultsDir() : root.resolve("bench").resolve("results");
        Path workDir = root.resolve("bench").resolve("target").resolve("bench-run");
        System.setProperty("java.awt.headless", "true");
        try {
            if (options.rssRunMinutes() > 0) {
                rssRun(options, root, root.resolve("bench").resolve("target").resolve("rss-run"), resultsDir);
                System.exit(0);
                return;
            }
            BenchReport report = run(options, root, workDir);
            Files.createDirectories(resultsDir);
            Path chart = resultsDir.resolve(options.name() + ".png");
            ResultsChart.write(report, chart);
            Path markdown = resultsDir.resolve(options.name() + ".md");
            Files.writeString(markdown, ResultsMarkdown.render(report, chart.getFileName().toString()), StandardCharsets.UTF_8);
            System.out.println("results: " + markdown + " and " + chart + " (took " + report.took().toSeconds() + " s)");
        } catch (RuntimeException | IOException e) {
            System.err.println("bench failed: " + e.getMessage() + " (logs under " + workDir + ")");
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static BenchReport run(BenchOptions options, Path root, Path workDir) throws Exception {
        Instant started = Instant.now();
        long begin = System.nanoTime();
        String loadBefore = EnvironmentProbe.loadAverage();
        System.out.println("load average before: " + loadBefore);
        Timing timing = Timing.of(options.quick()).withIntakeConnections(options.intakeConnections());
        deleteRecursively(workDir);
        int runNumber = ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        GeneratorProcess generator = new GeneratorProcess(workDir.resolve("generator"));
        System.out.println("starting the local stack (broker, registry, sandbox, services) ...");
        BenchStack stack = BenchStack.start(root, workDir, options.jvmFlagsByService(), options.serviceEnvironment());
        try (WholeSystem system = stack.system()) {
            System.out.println("stack up in " + system.wholeStackStartup().toMillis() / 1000.0 + " s: " + system.startupTimes());
            IntakeScenario.Result intake = null;
            if (options.runs(1)) {
                System.out.println("scenario 1: intake at saturation (enricher and importer stopped)");
                system.stopService(WholeSystem.ENRICHER);
                system.stopService(WholeSystem.IMPORTER);
                intake = IntakeScenario.run(stack, generator, timing, runNumber);
                ConsumerGroups.skipToEnd(system.bootstrapServers(), ENRICHER_GROUP, Topics.CHECKOUT_CAPTURED.name());
                system.startService(WholeSystem.ENRICHER, Map.of());
                stack.verify(WholeSystem.ENRICHER, List.of());
                // scenarios 2 and 3 start the importer with their own settings
            }
            List<PipelineScenario.Run> pipeline = new ArrayList<>();
            OverheadScenario.Result overhead = null;
            if (options.runs(2) || options.runs(3)) {
                try (OutcomeWatcher watcher = new OutcomeWatcher(system.bootstrapServers())) {
                    List<CrmSetup> setups = setups(options);
                    if (options.runs(2)) {
                        System.out.println("scenario 2: pipeline with a slow CRM (300 ms)");
                        pipeline = PipelineScenario.run(stack, generator, watcher, timing, runNumber, setups);
                    }
                    if (options.runs(3)) {
                        System.out.println("scenario 3: end-to-end overhead at half the maximum rate");
                        CrmSetup top = setups.get(setups.size() - 1);
                        double max = pipeline.stream().mapToDouble(PipelineScenario.Run::importedPerSecond).max()
                                .orElse(top.effectiveLimit(2.0));
                        CrmSetup best = pipeline.stream().max(Comparator.comparingDouble(PipelineScenario.Run::importedPerSecond))
                                .map(PipelineScenario.Run::setup).orElse(top);
                        best = best.named(best.label() + " scenario 3");
                        overhead = OverheadScenario.run(stack, generator, watcher, timing, runNumber, best, max,
                                options.e2eRate());
                    }
                }
            }
            ScalingPlan.PerInstance perInstance = null;
            List<ScalingPlan> plans = List.of();
            if (intake != null && !pipeline.isEmpty()) {
                PipelineScenario.Run best = pipeline.stream()
                        .max(Comparator.comparingDouble(PipelineScenario.Run::importedPerSecond)).orElseThrow();
                perInstance = ScalingPlan.PerInstance.from(intake.bestIntake().acceptedPerSecond(), best);
                plans = List.of(ScalingPlan.forRate(1_000, perInstance), ScalingPlan.forRate(10_000, perInstance));
            }
            return new BenchReport(started, Duration.ofNanos(System.nanoTime() - begin),
                    EnvironmentProbe.describe(root, loadBefore), options, timing, GeneratorProcess.JVM_FLAGS,
                    system.startupTimes(), system.wholeStackStartup(), intake, pipeline, overhead, perInstance, plans,
                    stack.check().all());
        }
    }

    /** {@code --rss-run}: the stack, a steady rate for the given minutes, RSS sampled; NAME-rss.md and .png. */
    static void rssRun(BenchOptions options, Path root, Path workDir, Path resultsDir) throws Exception {
        deleteRecursively(workDir);
        int runNumber = ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        GeneratorProcess generator = new GeneratorProcess(workDir.resolve("generator"));
        BenchStack stack = BenchStack.start(root, workDir, options.jvmFlagsByService(), options.serviceEnvironment());
        try (WholeSystem system = stack.system();
             OutcomeWatcher watcher = new OutcomeWatcher(system.bootstrapServers())) {
            RssRun.Result result = RssRun.run(stack, generator, watcher, runNumber, options.rssRunMinutes(),
                    options.rssRunRate());
            Files.createDirectories(resultsDir);
            Path chart = resultsDir.resolve(options.name() + "-rss.png");
            RssChart.write(String.format(java.util.Locale.ROOT, "RSS at a steady %.0f checkouts/s (%s)", options.rssRunRate(),
                    options.name()), result.samples(), result.loadStartEpochMillis(), options.rssRunMinutes(), chart);
            Path markdown = resultsDir.resolve(options.name() + "-rss.md");
            Files.writeString(markdown, "# RSS run " + options.name() + "\n\nCommand: `java -jar bench/target/bench.jar"
                    + options.toArguments() + "`, commit `" + EnvironmentProbe.describe(root, "").gitCommit() + "`.\n\n"
                    + RssSection.render(result, flagsText(options), chart.getFileName().toString()),
                    StandardCharsets.UTF_8);
            System.out.println("rss run results: " + markdown + " and " + chart);
        }
    }

    static String flagsText(BenchOptions options) {
        return String.join("; ", options.jvmFlagsByService().entrySet().stream()
                .map(e -> e.getKey() + ": " + String.join(" ", e.getValue())).toList());
    }

    static List<CrmSetup> setups(BenchOptions options) {
        List<CrmSetup> setups = new ArrayList<>();
        setups.add(CrmSetup.onePerPartition());
        options.crmLimits().forEach(c -> setups.add(CrmSetup.limit(c)));
        return setups;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
