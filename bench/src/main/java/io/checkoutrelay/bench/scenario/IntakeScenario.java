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
import io.checkoutrelay.localstack.system.WholeSystem;

/**
 * Scenario 1: the intake at saturation (closed loop, several connection counts), beside a bare 202
 * endpoint with the same JVM flags (the HTTP ceiling) and Kafka's own producer perf test with
 * records of the measured size. The enricher and importer are stopped meanwhile, so the intake has
 * the machine to itself and the generator.
 */
public final class IntakeScenario {

    public record Result(List<LoadResult> intake, List<LoadResult> bare, int recordSize, ProducerPerfResult kafka,
                         Duration bareStartup, HotMethods intakeProfile) {

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

    public static Result run(WholeSystem system, GeneratorProcess generator, Timing timing, int run) {
        String intake = system.service(WholeSystem.INTAKE).url();
        Path jfr = system.workDir().resolve("profiles").resolve("order-intake-scenario1.jfr");
        List<LoadResult> intakeResults = levels(generator, intake, timing, run, "intake",
                system.service(WholeSystem.INTAKE).pid(), jfr);
        HotMethods profile = HotMethods.of(WholeSystem.INTAKE, jfr, 10);
        int recordSize = CapturedRecordSize.measure(system.bootstrapServers());
        System.out.printf("  AmazonCheckoutCaptured value size: %d bytes%n", recordSize);

        List<LoadResult> bareResults;
        Duration bareStartup;
        Path workDir = system.workDir().resolve("bare-endpoint");
        try (BootJar bare = BootJar.start(JvmLaunch.mainClass("bare-endpoint", system.options().serviceJvmFlags(),
                GeneratorProcess.classpath(), BareEndpointApplication.class.getName(), "/health"), FreePort.pick(),
                Map.of(), workDir)) {
            bareStartup = bare.startup();
            bareResults = levels(generator, bare.url(), timing, run, "bare endpoint", -1, null);
        }

        System.out.printf("  kafka-producer-perf-test: %d records of %d bytes, acks=all ...%n",
                timing.producerPerfRecords(), recordSize);
        ProducerPerfResult kafka = ProducerPerfTest.run(system.bootstrapServers(), recordSize,
                timing.producerPerfRecords(), system.workDir().resolve("producer-perf"));
        System.out.printf("  kafka-producer-perf-test: %.0f records/s, p50 %.0f ms, p99 %.0f ms%n",
                kafka.recordsPerSecond(), kafka.p50Millis(), kafka.p99Millis());
        return new Result(intakeResults, bareResults, recordSize, kafka, bareStartup, profile);
    }

    /**
     * Each level measured without a profiler attached; with a {@code profilePid}, one more unmeasured
     * window at the highest level is recorded with JFR into {@code jfr} (its overhead would lower the figure).
     */
    private static List<LoadResult> levels(GeneratorProcess generator, String url, Timing timing, int run, String what,
                                           long profilePid, Path jfr) {
        List<LoadResult> results = new ArrayList<>();
        List<Integer> levels = timing.intakeConnections();
        // cold start (producer created on first use, schema lookups, JIT) is not what this scenario measures
        LoadResult warm = generator.run(new LoadSpec(URI.create(url), LoadSpec.Mode.CLOSED, levels.get(0), 0, 0,
                timing.intakeColdStart(), generator.nextPrefix(), run, null));
        System.out.printf("  %s warm-up (not measured): %d answers, %d errors%n", what, warm.answers(), warm.errors());
        for (int connections : levels) {
            LoadResult result = generator.run(new LoadSpec(URI.create(url), LoadSpec.Mode.CLOSED, connections, 0,
                    timing.intakeWarmup(), timing.intakeWindow(), generator.nextPrefix(), run, null));
            System.out.printf("  %s, %d connections: %.0f accepted/s, p50 %.1f ms, p99 %.1f ms, statuses %s, errors %d%n",
                    what, connections, result.acceptedPerSecond(), result.p50Micros() / 1000.0,
                    result.p99Micros() / 1000.0, result.statuses(), result.errors());
            results.add(result);
        }
        if (profilePid > 0) {
            JfrRecording recording = JfrRecording.start(profilePid, jfr);
            generator.run(new LoadSpec(URI.create(url), LoadSpec.Mode.CLOSED, levels.get(levels.size() - 1), 0, 0,
                    timing.intakeWindow(), generator.nextPrefix(), run, null));
            recording.stop();
        }
        return results;
    }
}
