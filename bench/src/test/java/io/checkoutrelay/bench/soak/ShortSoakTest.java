package io.checkoutrelay.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.bench.RepositoryRoot;

/**
 * The CI version of the soak (the one bench test that starts the whole system; it needs the service
 * jars `package` builds, which the reactor builds before bench): 1,000 checkouts with upsells, the
 * CRM failing at the rates (20 % 503, 5 % replies lost after the commit, 5 % 504-then-commit),
 * Amazon throttling 10 %, the importer SIGKILLed once and SIGSTOPped past its session timeout once, the
 * enricher SIGKILLed once. Its report: bench/target/soak-ci.md.
 */
class ShortSoakTest {

    @Test
    void aThousandCheckoutsThroughCrashesAFreezeAndCrmFaultsAreEachSettledOnceAndChargedOnce() throws Exception {
        Path root = RepositoryRoot.find();
        Path target = root.resolve("bench").resolve("target");
        SoakOptions options = new SoakOptions(1000, 20, "ci", "soak-ci", target, Duration.ofMinutes(5));

        SoakResult result = Soak.run(options, root, target.resolve("soak-ci-run"));
        Files.writeString(target.resolve("soak-ci.md"), SoakReport.render(result), StandardCharsets.UTF_8);

        assertThat(result.faults()).hasSize(3).noneMatch(FaultInjector.Executed::failed);
        assertThat(result.sandboxOutcomes().get("crm")).containsKeys("HTTP_503", "HTTP_502", "HTTP_504");
        assertThat(result.checkouts()).isEqualTo(1000);
        assertThat(result.lost()).as("lost").isZero();
        assertThat(result.chargedTwice()).as("charged twice").isZero();
        assertThat(result.attemptsWithoutExactlyOneResult()).as("attempts without exactly one result event").isZero();
        assertThat(result.withoutTerminalStatus()).as("without a terminal status").isZero();
        assertThat(result.wentBackwards()).as("statuses that went backwards").isZero();
        assertThat(result.violations()).as("see bench/target/soak-ci.md").isEmpty();
    }
}
