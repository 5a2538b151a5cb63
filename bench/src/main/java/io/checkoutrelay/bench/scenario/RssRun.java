package io.checkoutrelay.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.bench.load.GeneratorProcess;
import io.checkoutrelay.bench.load.LoadResult;
import io.checkoutrelay.bench.load.LoadSpec;
import io.checkoutrelay.bench.load.SendLog;
import io.checkoutrelay.bench.measure.OutcomeWatcher;
import io.checkoutrelay.bench.system.ProcSample;
import io.checkoutrelay.bench.system.ResourceSampler;
import io.checkoutrelay.bench.system.SandboxClient;
import io.checkoutrelay.bench.system.BenchStack;
import io.checkoutrelay.localstack.system.WholeSystem;

/**
 * {@code --rss-run MINUTES}: the whole pipeline at a steady rate well below what C=64 allows, for
 * that long, with the resident memory of every process sampled twice a second: does memory grow with
 * the number of checkouts seen?
 */
public final class RssRun {

    /** Importer and sandbox CRM limit: 64 calls of 300 ms allow ~107 orders/s, far above the steady rate. */
    static final int CRM_LIMIT = 64;

    public record Result(double minutes, double rate, long posted, long imported, LoadResult load,
                         Map<String, List<ProcSample>> samples, long loadStartEpochMillis, long loadEndEpochMillis) {
    }

    private RssRun() {
    }

    public static Result run(BenchStack stack, GeneratorProcess generator, OutcomeWatcher watcher, int runNumber,
                             double minutes, double rate) throws InterruptedException {
        WholeSystem system = stack.system();
        CrmSetup setup = CrmSetup.limit(CRM_LIMIT).named("rss-run");
        SandboxClient sandbox = new SandboxClient(system.sandboxUrl());
        PipelineWarmUp.startImporter(stack, generator, watcher, runNumber, setup, sandbox, setup.sandboxSettings("0ms"));
        Map<String, Long> pids = new LinkedHashMap<>(system.allPids());
        String prefix = generator.nextPrefix();
        Path sendsFile = system.workDir().resolve("sends-rss-" + prefix + ".txt");
        LoadResult load;
        Map<String, List<ProcSample>> samples;
        long begin;
        long end;
        try (ResourceSampler sampler = new ResourceSampler(pids)) {
            begin = System.currentTimeMillis();
            System.out.printf("rss run: %.0f checkouts/s for %.0f min, RSS of %s sampled every 0.5 s%n", rate, minutes,
                    pids.keySet());
            load = generator.run(new LoadSpec(URI.create(system.service(WholeSystem.INTAKE).url()), LoadSpec.Mode.OPEN,
                    16, rate, 0, minutes * 60, prefix, runNumber, sendsFile));
            end = System.currentTimeMillis();
            Thread.sleep(1000);
            samples = sampler.samples();
        }
        List<String> ids = SendLog.read(sendsFile).checkoutIds();
        watcher.awaitOutcomes(ids, Duration.ofSeconds(60));
        long imported = watcher.importedBetween(ids, 0, Long.MAX_VALUE);
        System.out.printf("rss run: posted %d, imported %d%n", ids.size(), imported);
        return new Result(minutes, rate, ids.size(), imported, load, samples, begin, end);
    }
}
