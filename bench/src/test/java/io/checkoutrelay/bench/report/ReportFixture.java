package io.checkoutrelay.bench.report;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.bench.BenchOptions;
import io.checkoutrelay.bench.measure.HopTimes;
import io.checkoutrelay.bench.Timing;
import io.checkoutrelay.bench.kafkaperf.ProducerPerfResult;
import io.checkoutrelay.bench.load.LoadResult;
import io.checkoutrelay.bench.measure.Percentiles;
import io.checkoutrelay.bench.profile.HotMethods;
import io.checkoutrelay.bench.scenario.CrmSetup;
import io.checkoutrelay.bench.scenario.IntakeScenario;
import io.checkoutrelay.bench.scenario.OverheadScenario;
import io.checkoutrelay.bench.scenario.PipelineScenario;
import io.checkoutrelay.bench.scenario.ScalingPlan;
import io.checkoutrelay.bench.settings.ReadBack;
import io.checkoutrelay.bench.system.ResourceUsage;
import io.checkoutrelay.bench.system.TopicTraffic;

/** A made-up but self-consistent run, for rendering tests. */
final class ReportFixture {

    private ReportFixture() {
    }

    static LoadResult load(int connections, double perSecond, long p99Micros) {
        return new LoadResult("closed", connections, 0, 20, (long) (perSecond * 20), 0, Map.of(202, (long) (perSecond * 20)),
                p99Micros / 4, p99Micros / 2, p99Micros, p99Micros * 2, p99Micros * 3, 1_000, 21_000, 5_000);
    }

    static PipelineScenario.Run run(CrmSetup setup, double imported, double rssMiB) {
        Map<String, ResourceUsage> resources = new LinkedHashMap<>();
        resources.put("order-intake", new ResourceUsage("order-intake", (long) (rssMiB * 1024), (long) (rssMiB * 1024), 6, 30));
        resources.put("crm-importer", new ResourceUsage("crm-importer", 200 * 1024, 210 * 1024, 9, 30));
        return new PipelineScenario.Run(setup, setup.effectiveLimit(2) * 1.2, imported, imported * 2, 2.0, 1000, 0, 0,
                setup.limit(), 0, resources, Duration.ofSeconds(9), load(64, imported, 9_000), 3, 40,
                List.of(new HotMethods("crm-importer", 1000, List.of(new HotMethods.Share("sun.nio.ch.Net.poll", 12.5)),
                        List.of(new HotMethods.Share("crm-call", 40.0)))));
    }

    static BenchReport report() {
        IntakeScenario.Result intake = new IntakeScenario.Result(
                List.of(load(8, 1200, 9_000), load(32, 2100, 30_000)),
                List.of(load(8, 5000, 3_000), load(32, 9000, 9_000)), 612,
                new ProducerPerfResult(300_000, 40_000, 23.3, 12, 300, 8, 40, 90, 200), Duration.ofSeconds(3),
                new HotMethods("order-intake", 0, List.of(), List.of()), List.of(0.62, 0.41), List.of(0.08, 0.07));
        List<PipelineScenario.Run> pipeline = List.of(run(CrmSetup.onePerPartition(), 9.8, 250),
                run(CrmSetup.limit(32), 52.0, 260), run(CrmSetup.limit(128), 180.0, 320));
        OverheadScenario.Result overhead = new OverheadScenario.Result(CrmSetup.limit(128), 90, 2, 2, 700,
                new Percentiles(new long[] {710, 720, 790}), new Percentiles(new long[] {10, 20, 90}), 3, 0,
                load(32, 90, 5_000), new TopicTraffic(Map.of("crm.order.imported.v1", 1500L, "amazon.checkout.captured.v1", 1000L),
                        Map.of("crm.order.imported.v1", 1000L, "amazon.checkout.captured.v1", 1000L)), 1000,
                List.of(new HopTimes.Hop("POST → captured", 0, new Percentiles(new long[] {2, 3, 9})),
                        new HopTimes.Hop("ledger SUBMITTING → imported", 300, new Percentiles(new long[] {310, 320, 340}))));
        ScalingPlan.PerInstance perInstance = ScalingPlan.PerInstance.from(2100, pipeline.get(2));
        Map<String, Duration> startup = new LinkedHashMap<>();
        startup.put("kafka broker", Duration.ofMillis(8_200));
        startup.put("order-intake", Duration.ofMillis(11_400));
        return new BenchReport(Instant.parse("2026-11-28T12:30:00Z"), Duration.ofMinutes(14),
                new BenchReport.Environment("abc1234", 2, "AMD EPYC", 24_000, "0.5 / 0.4 / 0.3", "3.1 / 2.0 / 1.0", "OpenJDK 17"),
                BenchOptions.parse(new String[] {"--name", "2026-11-28"}), Timing.of(false), List.of("-Xmx256m"), startup,
                Duration.ofSeconds(41), intake, pipeline, overhead, perInstance,
                List.of(ScalingPlan.forRate(1_000, perInstance), ScalingPlan.forRate(10_000, perInstance)),
                List.of(new ReadBack("crm-importer", "crm-importer.consumer.group-id (CRMIMPORTER_CONSUMER_GROUPID)",
                        "crm-importer-bench-C-32", "crm-importer-bench-C-32", "configprops crm-importer")));
    }
}
