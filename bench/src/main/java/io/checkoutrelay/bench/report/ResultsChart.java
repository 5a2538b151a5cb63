package io.checkoutrelay.bench.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import io.checkoutrelay.bench.load.LoadResult;
import io.checkoutrelay.bench.scenario.IntakeScenario;
import io.checkoutrelay.bench.scenario.PipelineScenario;
import io.checkoutrelay.localstack.system.WholeSystem;

/** The PNG beside the results: intake and pipeline throughput against their limits, CPU per order, latencies, memory. */
public final class ResultsChart {

    private static final Color MEASURED = new Color(31, 119, 180);
    private static final Color SECOND = new Color(255, 127, 14);
    private static final Color THIRD = new Color(160, 160, 160);
    private static final Color TARGET = new Color(214, 39, 40);
    private static final Color CEILING = new Color(44, 160, 44);

    private ResultsChart() {
    }

    public static void write(BenchReport report, Path file) {
        List<BarPanel> panels = panels(report);
        if (panels.isEmpty()) {
            return;
        }
        int panelWidth = 560;
        int height = 460;
        BufferedImage image = new BufferedImage(panelWidth * panels.size(), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), height);
        for (int i = 0; i < panels.size(); i++) {
            panels.get(i).draw(g, i * panelWidth, 0, panelWidth, height);
        }
        g.dispose();
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    static List<BarPanel> panels(BenchReport report) {
        List<BarPanel> panels = new ArrayList<>();
        IntakeScenario.Result intake = report.intake();
        if (intake != null) {
            List<String> categories = intake.intake().stream().map(l -> l.connections() + " conn").toList();
            panels.add(new BarPanel("1. Intake: accepted checkouts/s", "per s", categories, List.of(
                    new BarPanel.Series("order-intake", MEASURED, rates(intake.intake())),
                    new BarPanel.Series("bare 202 endpoint", THIRD, rates(intake.bare()))), List.of(
                    new BarPanel.ReferenceLine("target 3,000/s", 3000, TARGET),
                    new BarPanel.ReferenceLine("target: half the bare endpoint", bestRate(intake.bare()) / 2, SECOND),
                    new BarPanel.ReferenceLine("Kafka perf test ÷ 2 records", intake.kafka().recordsPerSecond() / 2,
                            CEILING))));
        }
        List<PipelineScenario.Run> runs = report.pipeline();
        if (!runs.isEmpty()) {
            panels.add(new BarPanel("2. Pipeline: imported orders/s, CRM 300 ms", "orders/s",
                    runs.stream().map(r -> r.setup().baseline() ? "1/partition" : r.setup().label()).toList(), List.of(
                    new BarPanel.Series("measured", MEASURED, runs.stream().mapToDouble(PipelineScenario.Run::importedPerSecond).toArray()),
                    new BarPanel.Series("effective limit C/(calls/order x 0.3 s)", CEILING, runs.stream().mapToDouble(PipelineScenario.Run::effectiveLimit).toArray()),
                    new BarPanel.Series("issue limit C/0.3 s", THIRD, runs.stream().mapToDouble(r -> r.setup().issueLimit()).toArray())),
                    List.of()));
        }
        List<String> cpuCategories = new ArrayList<>();
        List<Double> cpuMeasured = new ArrayList<>();
        List<Double> cpuTargets = new ArrayList<>();
        if (!runs.isEmpty()) {
            PipelineScenario.Run top = runs.get(runs.size() - 1);
            for (String service : List.of(WholeSystem.ENRICHER, WholeSystem.IMPORTER)) {
                cpuCategories.add(service.replace("profile-", "").replace("crm-", "") + " (" + top.setup().label() + ")");
                cpuMeasured.add(top.cpuMillisPerOrder(service));
                cpuTargets.add(CpuSection.TARGETS.get(service));
            }
        }
        if (intake != null && !intake.intakeCpuMillis().isEmpty()) {
            cpuCategories.add("intake (" + intake.bestIntake().connections() + " conn)");
            cpuMeasured.add(intake.bestIntakeCpuMillis());
            cpuTargets.add(CpuSection.TARGETS.get(WholeSystem.INTAKE));
        }
        if (!cpuCategories.isEmpty()) {
            panels.add(new BarPanel("CPU per order (core-ms; 2 cores = 2,000 core-ms/s)", "core-ms", cpuCategories, List.of(
                    new BarPanel.Series("measured", MEASURED, cpuMeasured.stream().mapToDouble(Double::doubleValue).toArray()),
                    new BarPanel.Series("target", TARGET, cpuTargets.stream().mapToDouble(Double::doubleValue).toArray())),
                    List.of()));
        }
        List<String> categories = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        if (intake != null) {
            for (LoadResult l : intake.intake()) {
                categories.add("intake " + l.connections() + "c");
                p50.add(l.p50Micros() / 1000.0);
                p99.add(l.p99Micros() / 1000.0);
            }
        }
        if (report.overhead() != null) {
            categories.add("e2e overhead");
            p50.add((double) report.overhead().overheadMillis().at(50));
            p99.add((double) report.overhead().overheadMillis().at(99));
        }
        if (!categories.isEmpty()) {
            panels.add(new BarPanel("Latency (1: intake POST, 3: overhead)", "ms", categories, List.of(
                    new BarPanel.Series("p50", MEASURED, p50.stream().mapToDouble(Double::doubleValue).toArray()),
                    new BarPanel.Series("p99", SECOND, p99.stream().mapToDouble(Double::doubleValue).toArray())), List.of(
                    new BarPanel.ReferenceLine("intake p99 target 25 ms", 25, TARGET),
                    new BarPanel.ReferenceLine("overhead p99 target 50 ms", 50, CEILING))));
        }
        Map<String, Double> rss = PipelineSection.peakRssByService(runs);
        if (!rss.isEmpty()) {
            panels.add(new BarPanel("Memory: peak RSS during scenario 2", "MiB",
                    rss.keySet().stream().toList(), List.of(
                    new BarPanel.Series("peak RSS", MEASURED, rss.values().stream().mapToDouble(Double::doubleValue).toArray())),
                    List.of(new BarPanel.ReferenceLine("target 300 MiB", PipelineSection.RSS_LIMIT_MIB, TARGET))));
        }
        return panels;
    }

    private static double bestRate(List<LoadResult> results) {
        return results.stream().mapToDouble(LoadResult::acceptedPerSecond).max().orElse(0);
    }

    private static double[] rates(List<LoadResult> results) {
        return results.stream().mapToDouble(LoadResult::acceptedPerSecond).toArray();
    }
}
