package io.checkoutrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import java.util.Map;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsRunEveryScenarioWithTheIssuesLimits() {
        BenchOptions options = BenchOptions.parse(new String[0]);

        assertThat(options.quick()).isFalse();
        assertThat(options.scenarios()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(options.crmLimits()).containsExactly(32, 64, 128);
        assertThat(options.serviceJvmFlags()).isEqualTo(BenchOptions.DEFAULT_SERVICE_JVM_FLAGS);
        assertThat(options.name()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void derivedScenariosPullInWhatTheyAreComputedFrom() {
        assertThat(BenchOptions.parse(new String[] {"--scenarios", "5"}).scenarios()).containsExactlyInAnyOrder(1, 2, 4, 5);
        assertThat(BenchOptions.parse(new String[] {"--scenarios", "4"}).scenarios()).containsExactlyInAnyOrder(2, 4);
        assertThat(BenchOptions.parse(new String[] {"--scenarios", "1"}).scenarios()).containsExactly(1);
    }

    @Test
    void flagsAndLimitsAreParsed() {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--crm-limits", "16, 48",
                "--service-jvm-flags", " -Xmx200m  -XX:+UseSerialGC ", "--name", "before-tuning"});

        assertThat(options.quick()).isTrue();
        assertThat(options.crmLimits()).containsExactly(16, 48);
        assertThat(options.serviceJvmFlags()).containsExactly("-Xmx200m", "-XX:+UseSerialGC");
        assertThat(options.name()).isEqualTo("before-tuning");
        assertThat(BenchOptions.parse(new String[] {"--service-env", "MALLOC_ARENA_MAX=2, JAVA_TOOL_OPTIONS=-Dx=1"})
                .serviceEnvironment()).containsEntry("MALLOC_ARENA_MAX", "2").containsEntry("JAVA_TOOL_OPTIONS", "-Dx=1");
    }

    @Test
    void theArgumentsAreWrittenBackWithoutDefaults() {
        assertThat(BenchOptions.parse(new String[0]).toArguments()).isEmpty();
        assertThat(BenchOptions.parse(new String[] {"--quick", "--crm-limits", "64", "--service-jvm-flags", "-Xmx160m",
                "--service-env", "MALLOC_ARENA_MAX=4", "--scenarios", "2", "--jvm", "enricher="})
                .toArguments())
                .isEqualTo(" --quick --scenarios 2,4 --crm-limits 64 --service-jvm-flags \"-Xmx160m\" --jvm "
                        + "\"profile-enricher=\" --service-env MALLOC_ARENA_MAX=4");
    }

    @Test
    void scenarioThreesRateAndScenarioOnesLevelsMayBeGiven() {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--scenarios", "1,3", "--e2e-rate", "78.5",
            "--intake-connections", "32,128"});

        assertThat(options.e2eRate()).isEqualTo(78.5);
        assertThat(Timing.of(true).withIntakeConnections(options.intakeConnections()).intakeConnections())
                .containsExactly(32, 128);
        assertThat(Timing.of(true).withIntakeConnections(List.of()).intakeConnections()).containsExactly(32);
        assertThat(options.toArguments()).isEqualTo(" --quick --scenarios 1,3 --intake-connections 32,128 --e2e-rate 78.5");
        assertThat(BenchOptions.parse(new String[0]).e2eRate()).as("half of scenario 2's best").isZero();
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--e2e-rate", "0"}))
                .hasMessageContaining("--e2e-rate takes checkouts per second above 0");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--intake-connections", "0"}))
                .hasMessageContaining("--intake-connections: 0 is not between 1 and 1000");
    }

    @Test
    void eachServiceMayHaveFlagsOfItsOwnAfterTheCommonOnes() {
        BenchOptions options = BenchOptions.parse(new String[] {"--jvm", "importer=-XX:TieredStopAtLevel=1 -Xmx160m",
            "--jvm", "profile-enricher=-XX:TieredStopAtLevel=1"});

        assertThat(options.jvmFlags("crm-importer")).endsWith("-XX:TieredStopAtLevel=1", "-Xmx160m")
                .startsWith(BenchOptions.DEFAULT_SERVICE_JVM_FLAGS.toArray(String[]::new));
        assertThat(options.jvmFlags("order-intake")).as("the image's heap").endsWith("-Xmx96m")
                .startsWith(BenchOptions.DEFAULT_SERVICE_JVM_FLAGS.toArray(String[]::new));
        assertThat(BenchOptions.parse(new String[0]).jvmFlags("profile-enricher")).as("the images' C1 only and heap")
                .endsWith("-XX:TieredStopAtLevel=1", "-Xmx96m");
        assertThat(BenchOptions.parse(new String[0]).jvmFlags("crm-importer")).endsWith("-XX:TieredStopAtLevel=1", "-Xmx112m");
        assertThat(BenchOptions.parse(new String[] {"--jvm", "enricher="}).jvmFlags("profile-enricher")).as("C2")
                .isEqualTo(BenchOptions.DEFAULT_SERVICE_JVM_FLAGS);
        assertThat(options.serviceEnvironment()).isEqualTo(Map.of("MALLOC_ARENA_MAX", "2"));
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--jvm", "sandbox=-Xmx1g"}))
                .hasMessageContaining("--jvm takes SERVICE=FLAGS");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"}))
                .hasMessageContaining("unknown option '--fast'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--scenarios", "2,7"}))
                .hasMessageContaining("no scenario 7");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--crm-limits", "32,lots"}))
                .hasMessageContaining("'lots'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--crm-limits", "0"}))
                .hasMessageContaining("0 is not between 1 and 1000");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--service-jvm-flags", "Xmx200m"}))
                .hasMessageContaining("'Xmx200m' is not a JVM flag");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--name", "../escape"}))
                .hasMessageContaining("--name");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--service-env", "malloc=2"}))
                .hasMessageContaining("'malloc=2' is not one");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--scenarios"}))
                .hasMessageContaining("--scenarios needs a value");
    }

    @Test
    void quickTimingIsShorterThanFull() {
        Timing quick = Timing.of(true);
        Timing full = Timing.of(false);

        assertThat(quick.pipelineWindow()).isLessThan(full.pipelineWindow());
        assertThat(full.intakeConnections()).hasSizeGreaterThan(1);
        assertThat(List.of(full.intakeWindow(), full.pipelineWindow(), full.overheadWindow())).allMatch(w -> w >= 20);
    }
}
