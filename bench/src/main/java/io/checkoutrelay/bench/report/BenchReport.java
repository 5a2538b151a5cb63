package io.checkoutrelay.bench.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.bench.BenchOptions;
import io.checkoutrelay.bench.Timing;
import io.checkoutrelay.bench.scenario.IntakeScenario;
import io.checkoutrelay.bench.scenario.OverheadScenario;
import io.checkoutrelay.bench.scenario.PipelineScenario;
import io.checkoutrelay.bench.scenario.ScalingPlan;
import io.checkoutrelay.bench.settings.ReadBack;

/** Everything one bench run measured, and how, for the results file and the chart. */
public record BenchReport(Instant startedAt, Duration took, Environment environment, BenchOptions options,
                          Timing timing, List<String> generatorJvmFlags, Map<String, Duration> startupTimes,
                          Duration wholeStackStartup, IntakeScenario.Result intake, List<PipelineScenario.Run> pipeline,
                          OverheadScenario.Result overhead, ScalingPlan.PerInstance perInstance,
                          List<ScalingPlan> plans, List<ReadBack> settingsReadBack) {

    /** Where it ran. */
    public record Environment(String gitCommit, int cpus, String cpuModel, long memoryMiB, String loadBefore,
                              String loadAfter, String javaVersion) {
    }
}
