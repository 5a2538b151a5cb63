package io.checkoutrelay.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.checkoutrelay.bench.Timing;
import io.checkoutrelay.bench.load.GeneratorProcess;
import io.checkoutrelay.bench.load.LoadResult;
import io.checkoutrelay.bench.load.LoadSpec;
import io.checkoutrelay.bench.load.SendLog;
import io.checkoutrelay.bench.measure.HopTimes;
import io.checkoutrelay.bench.measure.OutcomeWatcher;
import io.checkoutrelay.bench.measure.Percentiles;
import io.checkoutrelay.bench.system.SandboxClient;
import io.checkoutrelay.bench.system.TopicTraffic;
import org.apache.kafka.common.TopicPartition;
import java.util.Map;
import io.checkoutrelay.bench.system.BenchStack;
import io.checkoutrelay.localstack.system.WholeSystem;

/**
 * Scenario 3: at half the highest rate scenario 2 measured, each checkout's time from POST to
 * IMPORTED minus what the sandbox itself spent (its configured Amazon and CRM latencies times the
 * calls it received per checkout): what the relay adds.
 */
public final class OverheadScenario {

    static final String AMAZON_LATENCY = "50ms";
    static final long AMAZON_LATENCY_MILLIS = 50;

    public record Result(CrmSetup setup, double rate, double crmCallsPerCheckout, double amazonCallsPerCheckout,
                         double sandboxMillisPerCheckout, Percentiles endToEndMillis, Percentiles overheadMillis,
                         long measured, long missing, LoadResult load, TopicTraffic traffic, long checkouts,
                         List<HopTimes.Hop> hops) {
    }

    private OverheadScenario() {
    }

    public static Result run(BenchStack stack, GeneratorProcess generator, OutcomeWatcher watcher, Timing timing,
                             int runNumber, CrmSetup setup, double maxRate, double rate) throws InterruptedException {
        WholeSystem system = stack.system();
        if (!(rate > 0) && !(maxRate > 0)) {
            throw new IllegalStateException("scenario 3 needs a maximum rate from scenario 2, which imported nothing");
        }
        SandboxClient sandbox = new SandboxClient(system.sandboxUrl());
        PipelineWarmUp.startImporter(stack, generator, watcher, runNumber, setup, sandbox,
                setup.sandboxSettings(AMAZON_LATENCY));
        sandbox.reset();
        sandbox.settings(setup.sandboxSettings(AMAZON_LATENCY));
        rate = rate > 0 ? rate : maxRate / 2;
        String prefix = generator.nextPrefix();
        Path sendsFile = system.workDir().resolve("sends-" + prefix + ".txt");
        Map<TopicPartition, Long> offsetsBefore = TopicTraffic.endOffsets(system.bootstrapServers());
        LoadResult load = generator.run(new LoadSpec(URI.create(system.service(WholeSystem.INTAKE).url()),
                LoadSpec.Mode.OPEN, 32, rate, timing.overheadWarmup(), timing.overheadWindow(), prefix, runNumber,
                sendsFile));
        SendLog sends = SendLog.read(sendsFile);
        watcher.awaitOutcomes(sends.checkoutIds(), Duration.ofSeconds((long) timing.drainSeconds()));
        SandboxClient.SandboxStats stats = sandbox.stats();
        int checkouts = sends.sends().size();
        Thread.sleep(3000); // the last transactions' markers
        TopicTraffic traffic = TopicTraffic.between(system.bootstrapServers(), offsetsBefore,
                TopicTraffic.endOffsets(system.bootstrapServers()));
        double crmPerCheckout = (double) stats.crmCalls() / checkouts;
        double amazonPerCheckout = (double) stats.amazonCalls() / checkouts;
        double sandboxMillis = crmPerCheckout * CrmSetup.CRM_LATENCY_SECONDS * 1000 + amazonPerCheckout * AMAZON_LATENCY_MILLIS;
        List<Long> endToEnd = new ArrayList<>();
        long missing = 0;
        for (SendLog.Send send : sends.inWindow()) {
            OutcomeWatcher.Outcome outcome = watcher.outcome(send.checkoutId());
            if (outcome == null || !outcome.imported()) {
                missing++;
                continue;
            }
            endToEnd.add(outcome.epochMillis() - Math.round(send.sentEpochMicros() / 1000.0));
        }
        if (endToEnd.isEmpty()) {
            throw new IllegalStateException("scenario 3: no checkout of the window was imported; see logs in "
                    + system.workDir());
        }
        long crmMillis = Math.round(CrmSetup.CRM_LATENCY_SECONDS * 1000);
        List<HopTimes.Hop> hops = HopTimes.read(system.bootstrapServers(), offsetsBefore, sends,
                Map.of("captured → enriched", Math.round(amazonPerCheckout * AMAZON_LATENCY_MILLIS),
                        "IMPORTING status → ledger LEAD", crmMillis, "IMPORTING status → ledger SUBMITTING", crmMillis,
                        "ledger SUBMITTING → imported", crmMillis));
        for (HopTimes.Hop hop : hops) {
            System.out.printf("    %-40s p50 %4d ms p90 %4d ms p99 %4d ms (sandbox %d ms)%n", hop.name(),
                    hop.millis().at(50), hop.millis().at(90), hop.millis().at(99), hop.sandboxMillis());
        }
        long[] e2e = endToEnd.stream().mapToLong(Long::longValue).toArray();
        long[] overhead = endToEnd.stream().mapToLong(ms -> Math.round(ms - sandboxMillis)).toArray();
        Result result = new Result(setup, rate, crmPerCheckout, amazonPerCheckout, sandboxMillis, new Percentiles(e2e),
                new Percentiles(overhead), e2e.length, missing, load, traffic, checkouts, hops);
        System.out.printf("  %.1f checkouts/s: end-to-end p50 %d ms p99 %d ms; sandbox %.0f ms per checkout; "
                        + "overhead p50 %d ms p99 %d ms (%d measured, %d not imported)%n", rate,
                result.endToEndMillis().at(50), result.endToEndMillis().at(99), sandboxMillis,
                result.overheadMillis().at(50), result.overheadMillis().at(99), e2e.length, missing);
        return result;
    }
}
