package io.checkoutrelay.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsMarkdownTest {

    private final String md = ResultsMarkdown.render(ReportFixture.report(), "2026-11-28.png");

    @Test
    void everyScenarioIsThereWithTheChartLinked() {
        assertThat(md).contains("# Benchmark results 2026-11-28", "![throughput and latency](2026-11-28.png)",
                "## 1. Intake", "## 2. Pipeline", "## 3. End-to-end overhead", "## 4. Resources", "## 5. Scaling on paper",
                "whole local stack** | **41.0 s**", "competes with the services for the same 2 cores");
    }

    @Test
    void intakeFiguresStandBesideTheirTargets() {
        assertThat(md).contains("| ≥ 3,000 accepted/s | 2,100/s (32 connections) | 3,000/s | **missed** (70% of target) |")
                .contains("| p99 ≤ 25 ms at that rate | 30.0 ms | 25 ms | **missed** |")
                .contains("1,200/s (8 connections, p99 9.0 ms)")
                .contains("bare 9,000/s = 23% | 50% | **missed** |")
                .contains("40,000 records/s")
                .contains("about 20,000 checkouts/s");
    }

    @Test
    void pipelineShowsTheIssuesLimitAndTheTwoCallLimit() {
        // C=32: issue limit 107/s, effective 53.3/s; 52/s is 49% and 98% of them
        assertThat(md).contains("| C=32: the issue's wording, ≥ 90% of C/0.3 = 96 orders/s | 52.0/s | 107/s | **missed** "
                        + "(49%; two calls per order cap it at 50%) |")
                .contains("| C=32: ≥ 90% of the effective limit C / (2.00 calls × 0.3 s) = 48.0 orders/s | 52.0/s | 53.3/s | "
                        + "**met** (98%) |")
                .contains("| C=128: the issue's wording, ≥ 60% of C/0.3 = 256 orders/s |")
                .contains("Each order costs two CRM calls")
                .contains("(×18.4)");
    }

    @Test
    void resourcesOverhead300MiBAreMissedAndOverheadP99IsJudged() {
        assertThat(md).contains("| order-intake RSS during scenario 2 | 320 MiB | 300 MiB | **missed** (107% of the limit) |")
                .contains("| crm-importer RSS during scenario 2 | 200 MiB | 300 MiB | **met** (67% of the limit) |")
                .contains("| p99 overhead | 90 ms | 50 ms | **missed** |")
                .contains("| 1,000 | 600 | 60 | 5 |");
    }

    @Test
    void profilesWithSamplesAreListed() {
        assertThat(md).contains("## Profiles (JFR)", "**crm-importer** (1000 samples)",
                "| `sun.nio.ch.Net.poll` | 12.5% | | `crm-call` | 40.0% |").doesNotContain("**order-intake** (0 samples)");
    }

    @Test
    void cpuPerOrderIsTheHeadlineBesideItsTargetAndTheMachinesLimit() {
        assertThat(md.indexOf("## CPU per order (headline)")).isLessThan(md.indexOf("## 1. Intake"));
        // importer: 9 s of CPU in 30 s = 300 core-ms/s at 52 imported/s
        assertThat(md).contains("| crm-importer ≤ 2.00 core-ms per imported order (C=32) | 5.77 core-ms | 2.00 core-ms | "
                        + "**missed** (2.9× the target) |")
                .contains("| order-intake ≤ 0.40 core-ms per accepted checkout (32 connections, 2,100/s) | 0.41 core-ms | "
                        + "0.40 core-ms | **missed** (1.0× the target) |")
                .contains("2 cores = 2,000 core-ms per second");
    }

    @Test
    void kafkaRecordsAndTransactionMarkersPerOrderAreCounted() {
        assertThat(md).contains("### Kafka records per order", "| `crm.order.imported.v1` | 1.00 | 0.50 |",
                "| **all topics** | **2.00** | **0.50** |");
    }

    @Test
    void settingsReadBackAreListed() {
        assertThat(md).contains("## Settings read back", "| crm-importer | `crm-importer.consumer.group-id "
                + "(CRMIMPORTER_CONSUMER_GROUPID)` | `crm-importer-bench-C-32` | configprops crm-importer |");
    }

    @Test
    void theChartIsAPngWithOnePanelPerScenarioShown(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("chart.png");

        ResultsChart.write(ReportFixture.report(), png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(Files.size(png)).isPositive();
        assertThat(image.getWidth()).isEqualTo(5 * 560);
        assertThat(image.getHeight()).isEqualTo(460);
    }

    @Test
    void theChartShowsEachServicesPeakRssBesideTheMemoryTarget() {
        BarPanel memory = ResultsChart.panels(ReportFixture.report()).stream()
                .filter(panel -> panel.title().startsWith("Memory")).findFirst().orElseThrow();

        assertThat(memory.categories()).containsExactly("crm-importer", "order-intake");
        assertThat(memory.series().get(0).values()).containsExactly(200.0, 320.0);
        assertThat(memory.lines()).extracting(BarPanel.ReferenceLine::value).containsExactly(300.0);
    }
}
