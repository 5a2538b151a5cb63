package io.checkoutrelay.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.bench.Timing;
import io.checkoutrelay.bench.bare.BareEndpointApplication;
import io.checkoutrelay.bench.kafkaperf.CapturedRecordSize;
import io.checkoutrelay.bench.kafkaperf.ProducerPerfResult;
import io.checkoutrelay.bench.kafkaperf.ProducerPerfTest;
import io.checkoutrelay.bench.load.GeneratorProcess;
import io.checkoutrelay.bench.load.LoadResult;
import io.checkoutrelay.bench.load.LoadSpec;
import io.checkoutrelay.bench.profile.HotMethods;
import io.checkoutrelay.bench.profile.JfrRecording;
import io.checkoutrelay.localstack.BootJar;
import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.JvmLaunch;
import io.checkoutrelay.bench.system.BenchStack;
import io.checkoutrelay.bench.system.ResourceSampler;
import io.checkoutrelay.localstack.system.WholeSystem;

/**
 * Scenario 1: the intake at saturation (closed loop, several connection counts), beside a bare 202
 * endpoint with the same JVM flags (the HTTP ceiling) and Kafka's own producer perf test with
 * records of the measured size. The enricher and importer are stopped meanwhile, so the intake has
 * the machine to itself and the generator.
 */
public final class IntakeScenario {

    /**
     * @param intakeCpuMillis core-milliseconds of the intake process per accepted checkout, per level (utime + stime
     *                        from /proc over the level's window divided by the 202s in it)
     * @param bareCpuMillis   the same for the bare endpoint
     */
    public record Result(List<LoadResult> intake, List<LoadResult> bare, int recordSize, ProducerPerfResult kafka,
                         Duration bareStartup, HotMethods intakeProfile, List<Double> intakeCpuMillis,
                         List<Double> bareCpuMillis) {

        /** Core-ms per accepted checkout at the best intake level. */
        public double bestIntakeCpuMillis() {
            return intakeCpuMillis.isEmpty() ? Double.NaN : intakeCpuMillis.get(intake.indexOf(bestIntake()));
        }

        public LoadResult bestIntake() {
            return best(intake);
        }

        public LoadResult bestBare() {
            return best(bare);
        }

        private static LoadResult best(List<LoadResult> results) {
            return results.stream().max(Comparator.comparingDouble(LoadResult::acceptedPerSecond)).orElseThrow();
        }
    }

    private IntakeScenario() {
    }

    public static Result run(BenchStack stack, GeneratorProcess generator, Timing timing, int run) {
        WholeSystem system = stack.system();
        String intake = system.service(WholeSystem.INTAKE).url();
        Path jfr = system.workDir().resolve("profiles").resolve("order-intake-scenario1.jfr");
        List<Double> intakeCpu = new ArrayList<>();
        List<LoadResult> intakeResults = levels(generator, intake, timing, run, "intake",
                system.service(WholeSystem.INTAKE).pid(), jfr, intakeCpu);
        HotMethods profile = HotMethods.of(WholeSystem.INTAKE, jfr, 10);
        int recordSize = CapturedRecordSize.measure(system.bootstrapServers());
        System.out.printf("  AmazonCheckoutCaptured value size: %d bytes%n", recordSize);

        List<LoadResult> bareResults;
        Duration bareStartup;
        Path workDir = system.workDir().resolve("bare-endpoint");
        List<Double> bareCpu = new ArrayList<>();
        List<String> bareFlags = stack.jvmFlags(WholeSystem.INTAKE);
        try (BootJar bare = BootJar.start(JvmLaunch.mainClass("bare-endpoint", bareFlags,
                GeneratorProcess.classpath(), BareEndpointApplication.class.getName(), "/health"), FreePort.pick(),
                Map.of(), workDir)) {
            bareStartup = bare.startup();
            stack.check().verify("bare endpoint", bare.pid(), null, List.of(), bareFlags);
            bareResults = levels(generator, bare.url(), timing, run, "bare endpoint", bare.pid(), null, bareCpu);
        }

        System.out.printf("  kafka-producer-perf-test: %d records of %d bytes, acks=all ...%n",
                timing.producerPerfRecords(), recordSize);
        ProducerPerfResult kafka = ProducerPerfTest.run(system.bootstrapServers(), recordSize,
                timing.producerPerfRecords(), system.workDir().resolve("producer-perf"));
        System.out.printf("  kafka-producer-perf-test: %.0f records/s, p50 %.0f ms, p99 %.0f ms%n",
                kafka.recordsPerSecond(), kafka.p50Millis(), kafka.p99Millis());
        return new Result(intakeResults, bareResults, recordSize, kafka, bareStartup, profile, intakeCpu, bareCpu);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Each level measured without a profiler attached; with a {@code profilePid}, one more unmeasured
     * window at the highest level is recorded with JFR into {@code jfr} (its overhead would lower the figure).
     */
    private static List<LoadResult> levels(GeneratorProcess generator, String url, Timing timing, int run, String what,
                                           long pid, Path jfr, List<Double> cpuMillisPerAccepted) {
        List<LoadResult> results = new ArrayList<>();
        List<Integer> levels = timing.intakeConnections();
        // cold start (producer created on first use, schema lookups, JIT) is not what this scenario measures
        LoadResult warm = generator.run(new LoadSpec(URI.create(url), LoadSpec.Mode.CLOSED, levels.get(0), 0, 0,
                timing.intakeColdStart(), generator.nextPrefix(), run, null));
        System.out.printf("  %s warm-up (not measured): %d answers, %d errors%n", what, warm.answers(), warm.errors());
        for (int connections : levels) {
            LoadResult result;
            double cpuMillis;
            try (ResourceSampler sampler = new ResourceSampler(Map.of(what, pid))) {
                result = generator.run(new LoadSpec(URI.create(url), LoadSpec.Mode.CLOSED, connections, 0,
                        timing.intakeWarmup(), timing.intakeWindow(), generator.nextPrefix(), run, null));
                sleepQuietly(700); // one sample after the window's end
                cpuMillis = sampler.usage(result.windowStartEpochMillis(), result.windowEndEpochMillis()).get(what)
                        .cpuSeconds() * 1000.0;
            }
            double perAccepted = result.accepted() > 0 ? cpuMillis / result.accepted() : Double.NaN;
            cpuMillisPerAccepted.add(perAccepted);
            System.out.printf("  %s, %d connections: %.0f accepted/s, p50 %.1f ms, p99 %.1f ms, statuses %s, errors %d, "
                            + "%.3f core-ms per accepted checkout%n",
                    what, connections, result.acceptedPerSecond(), result.p50Micros() / 1000.0,
                    result.p99Micros() / 1000.0, result.statuses(), result.errors(), perAccepted);
            results.add(result);
        }
        if (jfr != null) {
            JfrRecording recording = JfrRecording.start(pid, jfr);
            generator.run(new LoadSpec(URI.create(url), LoadSpec.Mode.CLOSED, levels.get(levels.size() - 1), 0, 0,
                    timing.intakeWindow(), generator.nextPrefix(), run, null));
            recording.stop();
        }
        return results;
    }
}
