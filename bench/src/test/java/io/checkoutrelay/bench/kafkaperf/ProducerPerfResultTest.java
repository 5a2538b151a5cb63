package io.checkoutrelay.bench.kafkaperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProducerPerfResultTest {

    @Test
    void theFinalSummaryLineIsRead() {
        List<String> output = List.of(
                "120934 records sent, 24186.8 records/sec (11.31 MB/sec), 812.4 ms avg latency, 1402.0 ms max latency.",
                "300000 records sent, 27329.871549 records/sec (12.77 MB/sec), 701.25 ms avg latency, 1402.00 ms max "
                        + "latency, 690 ms 50th, 1204 ms 95th, 1350 ms 99th, 1398 ms 99.9th.");

        ProducerPerfResult result = ProducerPerfResult.parse(output);

        assertThat(result.records()).isEqualTo(300_000);
        assertThat(result.recordsPerSecond()).isEqualTo(27329.871549);
        assertThat(result.megabytesPerSecond()).isEqualTo(12.77);
        assertThat(result.p50Millis()).isEqualTo(690);
        assertThat(result.p99Millis()).isEqualTo(1350);
        assertThat(result.maxLatencyMillis()).isEqualTo(1402);
    }

    @Test
    void outputWithoutASummaryIsAnErrorShowingTheTail() {
        assertThatThrownBy(() -> ProducerPerfResult.parse(List.of("Exception in thread main: no broker")))
                .hasMessageContaining("no summary line").hasMessageContaining("no broker");
    }
}
