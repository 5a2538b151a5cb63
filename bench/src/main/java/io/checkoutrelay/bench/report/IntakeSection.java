package io.checkoutrelay.bench.report;

import static io.checkoutrelay.bench.report.Format.f0;
import static io.checkoutrelay.bench.report.Format.f1;
import static io.checkoutrelay.bench.report.Format.ms;
import static io.checkoutrelay.bench.report.Format.percent;
import static io.checkoutrelay.bench.report.Format.verdict;

import java.util.Comparator;
import java.util.Optional;

import io.checkoutrelay.bench.kafkaperf.ProducerPerfResult;
import io.checkoutrelay.bench.kafkaperf.ProducerPerfTest;
import io.checkoutrelay.bench.load.LoadResult;
import io.checkoutrelay.bench.scenario.IntakeScenario;

/** Scenario 1 in the results file. */
final class IntakeSection {

    static final double TARGET_RATE = 3000;
    static final double TARGET_P99_MICROS = 25_000;

    private IntakeSection() {
    }

    static void write(StringBuilder md, IntakeScenario.Result r) {
        LoadResult best = r.bestIntake();
        LoadResult bare = r.bestBare();
        Optional<LoadResult> bestWithinP99 = r.intake().stream().filter(l -> l.p99Micros() <= TARGET_P99_MICROS)
                .max(Comparator.comparingDouble(LoadResult::acceptedPerSecond));
        ProducerPerfResult kafka = r.kafka();
        md.append("## 1. Intake: accepted checkouts per second at saturation\n\n")
                .append("Closed loop: each connection posts a new checkout (unique order reference, so every answer is a ")
                .append("202 after `acks=all` of the captured record and of its ACCEPTED status) as soon as the previous ")
                .append("answer arrives. The enricher and importer are stopped during this scenario (their consumer group ")
                .append("is moved past these checkouts afterwards), so the intake shares the 2 cores only with the broker, ")
                .append("the registry and the load generator.\n\n")
                .append("| endpoint | connections | accepted/s | p50 | p90 | p99 | max | other answers | errors |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (LoadResult l : r.intake()) {
            row(md, "order-intake", l);
        }
        for (LoadResult l : r.bare()) {
            row(md, "bare Spring MVC 202", l);
        }
        md.append("\nkafka-producer-perf-test (`").append(ProducerPerfTest.class.getSimpleName()).append("` = ")
                .append("`org.apache.kafka.tools.ProducerPerformance`), same broker, ").append(f0(kafka.records()))
                .append(" records of ").append(r.recordSize()).append(" bytes (the median serialized ")
                .append("`AmazonCheckoutCaptured` value read back from the topic), ")
                .append(String.join(" ", ProducerPerfTest.PRODUCER_PROPS)).append(", no throttle: **")
                .append(f0(kafka.recordsPerSecond())).append(" records/s** (").append(Format.f2(kafka.megabytesPerSecond()))
                .append(" MB/s), latency p50 ").append(f0(kafka.p50Millis())).append(" ms, p99 ")
                .append(f0(kafka.p99Millis())).append(" ms, max ").append(f0(kafka.maxLatencyMillis())).append(" ms. ")
                .append("The intake sends two records per accepted checkout (captured, then its status), one after ")
                .append("the other, so Kafka alone would allow about ").append(f0(kafka.recordsPerSecond() / 2))
                .append(" checkouts/s.\n\n");
        md.append("| target | figure | limit | verdict |\n|---|---|---|---|\n")
                .append("| ≥ 3,000 accepted/s | ").append(f0(best.acceptedPerSecond())).append("/s (")
                .append(best.connections()).append(" connections) | 3,000/s | ")
                .append(verdict(best.acceptedPerSecond() >= TARGET_RATE)).append(" (")
                .append(percent(best.acceptedPerSecond(), TARGET_RATE)).append(" of target) |\n")
                .append("| p99 ≤ 25 ms at that rate | ").append(ms(best.p99Micros())).append(" | 25 ms | ")
                .append(verdict(best.p99Micros() <= TARGET_P99_MICROS)).append(" |\n")
                .append("| best rate with p99 ≤ 25 ms | ")
                .append(bestWithinP99.map(l -> f0(l.acceptedPerSecond()) + "/s (" + l.connections() + " connections, p99 "
                        + ms(l.p99Micros()) + ")").orElse("no level had p99 ≤ 25 ms"))
                .append(" | 3,000/s | ").append(verdict(bestWithinP99.map(l -> l.acceptedPerSecond() >= TARGET_RATE)
                        .orElse(false))).append(" |\n")
                .append("| ≥ half the bare endpoint | ").append(f0(best.acceptedPerSecond())).append("/s vs bare ")
                .append(f0(bare.acceptedPerSecond())).append("/s = ").append(percent(best.acceptedPerSecond(),
                        bare.acceptedPerSecond())).append(" | 50% | ")
                .append(verdict(best.acceptedPerSecond() >= bare.acceptedPerSecond() / 2)).append(" |\n")
                .append("| vs Kafka alone (2 records per checkout) | ").append(f0(best.acceptedPerSecond()))
                .append("/s vs ").append(f0(kafka.recordsPerSecond() / 2)).append("/s | — | ")
                .append(percent(best.acceptedPerSecond(), kafka.recordsPerSecond() / 2)).append(" |\n\n");
    }

    private static void row(StringBuilder md, String what, LoadResult l) {
        StringBuilder others = new StringBuilder();
        l.statuses().forEach((status, count) -> {
            if (status != 202) {
                others.append(others.isEmpty() ? "" : ", ").append(status).append(": ").append(count);
            }
        });
        md.append("| ").append(what).append(" | ").append(l.connections()).append(" | ").append(f1(l.acceptedPerSecond()))
                .append(" | ").append(ms(l.p50Micros())).append(" | ").append(ms(l.p90Micros())).append(" | ")
                .append(ms(l.p99Micros())).append(" | ").append(ms(l.maxMicros())).append(" | ")
                .append(others.isEmpty() ? "none" : others).append(" | ").append(l.errors()).append(" |\n");
    }
}
