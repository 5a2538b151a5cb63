package io.checkoutrelay.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ResourceUsageTest {

    @Test
    void cpuAndPeakAreTakenOverTheWindowOnly() {
        List<ProcSample> samples = List.of(
                new ProcSample(1_000, 100_000, 100_000, 0),
                new ProcSample(2_000, 150_000, 150_000, 50),
                new ProcSample(3_000, 200_000, 200_000, 150),
                new ProcSample(4_000, 180_000, 200_000, 250),
                new ProcSample(5_000, 400_000, 400_000, 400));

        ResourceUsage usage = ResourceUsage.of("crm-importer", samples, 2_000, 4_000).orElseThrow();

        assertThat(usage.cpuSeconds()).isEqualTo(2.0);
        assertThat(usage.wallSeconds()).isEqualTo(2.0);
        assertThat(usage.cpuPercentOfOneCore()).isEqualTo(100.0);
        assertThat(usage.peakRssKiB()).isEqualTo(200_000);
        assertThat(usage.lifetimePeakRssKiB()).isEqualTo(200_000);
    }

    @Test
    void tooFewSamplesGiveNothing() {
        assertThat(ResourceUsage.of("x", List.of(new ProcSample(1, 1, 1, 1)), 0, 10)).isEmpty();
    }
}
