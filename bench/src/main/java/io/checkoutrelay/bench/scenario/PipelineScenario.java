package io.checkoutrelay.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.bench.Timing;
import io.checkoutrelay.bench.load.GeneratorProcess;
import io.checkoutrelay.bench.load.LoadResult;
import io.checkoutrelay.bench.load.LoadSpec;
import io.checkoutrelay.bench.load.SendLog;
import io.checkoutrelay.bench.measure.OutcomeWatcher;
import io.checkoutrelay.bench.profile.HotMethods;
import io.checkoutrelay.bench.profile.JfrRecording;
import io.checkoutrelay.bench.system.ConsumerGroups;
import io.checkoutrelay.bench.system.ResourceSampler;
import io.checkoutrelay.bench.system.ResourceUsage;
import io.checkoutrelay.bench.system.SandboxClient;
import io.checkoutrelay.bench.system.StatsPoller;
import io.checkoutrelay.bench.system.BenchStack;
import io.checkoutrelay.localstack.system.WholeSystem;
import io.checkoutrelay.schemas.topic.Topics;

/**
 * Scenario 2: the whole pipeline against a slow CRM (300 ms a call, at most C calls at once), fed
 * open-loop at 1.2 x what C allows so a backlog always waits; throughput is the checkouts IMPORTED
 * per second of the window. Scenario 4's resource figures are sampled in the same windows.
 */
public final class PipelineScenario {

    /** Offered load over what C allows (2 calls per order), so the CRM limit is what binds. */
    static final double OVERLOAD = 1.2;
    static final double ASSUMED_CALLS_PER_ORDER = 2.0;

    public record Run(CrmSetup setup, double offeredRate, double importedPerSecond, double crmCallsPerSecond,
                      double callsPerOrder, long posted, long declined, long unfinished, int crmPeakConcurrency,
                      long crmTooManyRequests, Map<String, ResourceUsage> resources, Duration importerStartup,
                      LoadResult load, long enricherBacklog, long importerBacklog, List<HotMethods> profiles) {

        public double effectiveLimit() {
            return setup.effectiveLimit(callsPerOrder > 0 ? callsPerOrder : ASSUMED_CALLS_PER_ORDER);
        }

        /**
         * Core-milliseconds {@code process} used per checkout IMPORTED in the window: its CPU rate over the window
         * (utime + stime from /proc) divided by the imported rate. NaN when it was not sampled or nothing was imported.
         */
        public double cpuMillisPerOrder(String process) {
            ResourceUsage usage = resources.get(process);
            if (usage == null || importedPerSecond <= 0) {
                return Double.NaN;
            }
            return usage.cpuPercentOfOneCore() / 100.0 * 1000.0 / importedPerSecond;
        }

        public double callLimit() {
            return setup.limit() / CrmSetup.CRM_LATENCY_SECONDS;
        }
    }

    /** Name of the whole machine's row in the resource figures. */
    public static final String MACHINE = "whole machine (all processes)";

    private PipelineScenario() {
    }

    private static Map<String, Long> sampled(WholeSystem system) {
        Map<String, Long> pids = system.allPids();
        pids.put(MACHINE, io.checkoutrelay.bench.system.ProcSample.MACHINE);
        return pids;
    }

    public static List<Run> run(BenchStack stack, GeneratorProcess generator, OutcomeWatcher watcher,
                                Timing timing, int runNumber, List<CrmSetup> setups) throws InterruptedException {
        WholeSystem system = stack.system();
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < setups.size(); i++) {
            runs.add(runOne(stack, generator, watcher, timing, runNumber, setups.get(i), i == setups.size() - 1));
        }
        return runs;
    }

    static Run runOne(BenchStack stack, GeneratorProcess generator, OutcomeWatcher watcher, Timing timing,
                      int runNumber, CrmSetup setup, boolean profile) throws InterruptedException {
        WholeSystem system = stack.system();
        SandboxClient sandbox = new SandboxClient(system.sandboxUrl());
        Duration importerStartup = PipelineWarmUp.startImporter(stack, generator, watcher, runNumber, setup, sandbox,
                setup.sandboxSettings("0ms"));
        SandboxClient.SandboxStats warmUp = sandbox.stats();
        double callsPerOrder = warmUp.crmOrdersComplete() > 0
                ? (double) warmUp.crmCalls() / warmUp.crmOrdersComplete() : 0;
        sandbox.reset();
        sandbox.settings(setup.sandboxSettings("0ms"));
        double offered = OVERLOAD * setup.effectiveLimit(ASSUMED_CALLS_PER_ORDER);
        String prefix = generator.nextPrefix();
        Path sendsFile = system.workDir().resolve("sends-" + prefix + ".txt");
        LoadResult load;
        Map<String, ResourceUsage> resources;
        double callsPerSecond;
        long enricherBacklog;
        long importerBacklog;
        List<HotMethods> profiles = new ArrayList<>();
        try (StatsPoller poller = new StatsPoller(sandbox); ResourceSampler sampler = new ResourceSampler(sampled(system))) {
            Map<String, JfrRecording> recordings = new java.util.LinkedHashMap<>();
            if (profile) {
                for (String service : List.of(WholeSystem.ENRICHER, WholeSystem.IMPORTER)) {
                    recordings.put(service, JfrRecording.start(system.service(service).pid(), system.workDir()
                            .resolve("profiles").resolve(service + "-" + setup.limit() + ".jfr")));
                }
            }
            load = generator.run(new LoadSpec(URI.create(system.service(WholeSystem.INTAKE).url()), LoadSpec.Mode.OPEN,
                    64, offered, timing.pipelineWarmup(), timing.pipelineWindow(), prefix, runNumber, sendsFile));
            recordings.forEach((service, recording) -> profiles.add(HotMethods.of(service, recording.stop(), 10)));
            enricherBacklog = ConsumerGroups.lag(system.bootstrapServers(), "profile-enricher",
                    Topics.CHECKOUT_CAPTURED.name());
            importerBacklog = ConsumerGroups.lag(system.bootstrapServers(), setup.consumerGroup(),
                    Topics.CHECKOUT_ENRICHED.name());
            Thread.sleep(1200); // one more sample of each after the window's end
            resources = sampler.usage(load.windowStartEpochMillis(), load.windowEndEpochMillis());
            callsPerSecond = poller.crmCallsPerSecond(load.windowStartEpochMillis(), load.windowEndEpochMillis());
        }
        List<String> ids = SendLog.read(sendsFile).checkoutIds();
        // what is still queued when the window closes is left behind (the next setup reads with its own group)
        int finished = watcher.awaitOutcomes(ids, Duration.ofSeconds(2));
        double imported = watcher.importedBetween(ids, load.windowStartEpochMillis(), load.windowEndEpochMillis())
                / load.windowSeconds();
        SandboxClient.SandboxStats stats = sandbox.stats();
        Run run = new Run(setup, offered, imported, callsPerSecond, callsPerOrder, ids.size(), watcher.declined(ids),
                ids.size() - finished, stats.crmPeakConcurrency(), stats.crmTooManyRequests(), resources, importerStartup,
                load, enricherBacklog, importerBacklog, profiles);
        System.out.printf("  %s: offered %.0f/s, imported %.1f/s (issue limit %.0f, effective %.0f), CRM %.0f calls/s, "
                        + "%.2f calls/order, peak CRM concurrency %d, 429s %d, declined %d, unfinished %d; backlog at the "
                        + "window's end: enricher %d, importer %d%n",
                setup.label(), offered, imported, setup.issueLimit(), run.effectiveLimit(), callsPerSecond, callsPerOrder,
                stats.crmPeakConcurrency(), stats.crmTooManyRequests(), run.declined(), run.unfinished(),
                enricherBacklog, importerBacklog);
        return run;
    }
}
