package io.checkoutrelay.bench.report;

import java.util.List;

import io.checkoutrelay.bench.scenario.RssRun;
import io.checkoutrelay.bench.system.ProcSample;
import io.checkoutrelay.localstack.system.WholeSystem;

/** The results of an {@code --rss-run}: RSS of every process along the run, its growth, CPU per order. */
public final class RssSection {

    private RssSection() {
    }

    public static String render(RssRun.Result result, String flags, String chartFile) {
        StringBuilder md = new StringBuilder();
        md.append("## Memory over a ").append(Format.f0(result.minutes())).append("-minute run at a steady rate\n\n")
                .append("Open loop at ").append(Format.f0(result.rate())).append(" checkouts/s for ")
                .append(Format.f0(result.minutes())).append(" min through the whole pipeline (CRM 300 ms, C=")
                .append(64).append(", Amazon latency 0): ").append(Format.f0(result.posted())).append(" posted, ")
                .append(Format.f0(result.imported())).append(" IMPORTED. Service JVM flags: `").append(flags)
                .append("`. VmRSS from /proc every 0.5 s. Growth = least-squares slope of RSS over the second half of "
                        + "the run (after start-up and JIT warm-up), in MiB per 10 minutes.\n\n")
                .append("![RSS over the run](").append(chartFile).append(")\n\n")
                .append("| process | RSS at 1 min | at 25% | at 50% | at 75% | at the end | peak | growth, 2nd half (MiB/10 min) "
                        + "| target | CPU per imported order |\n|---|---|---|---|---|---|---|---|---|---|\n");
        double total = result.minutes();
        result.samples().forEach((name, samples) -> {
            if (samples.size() < 2) {
                return;
            }
            boolean service = WholeSystem.SERVICES.contains(name);
            md.append("| ").append(name)
                    .append(" | ").append(mib(at(samples, result.loadStartEpochMillis(), 1)))
                    .append(" | ").append(mib(at(samples, result.loadStartEpochMillis(), total * 0.25)))
                    .append(" | ").append(mib(at(samples, result.loadStartEpochMillis(), total * 0.5)))
                    .append(" | ").append(mib(at(samples, result.loadStartEpochMillis(), total * 0.75)))
                    .append(" | ").append(mib(at(samples, result.loadStartEpochMillis(), total)))
                    .append(" | ").append(mib(peak(samples, result)))
                    .append(" | ").append(Format.f1(slopePerTenMinutes(samples, result)))
                    .append(" | ").append(service ? "300 MiB " + (peak(samples, result) / 1024.0 <= 300 ? "**met**" : "**missed**") : "—")
                    .append(" | ").append(service && result.imported() > 0
                            ? Format.f2(cpuMillis(samples, result) / result.imported()) + " core-ms" : "—")
                    .append(" |\n");
        });
        md.append('\n');
        return md.toString();
    }

    private static String mib(long kib) {
        return kib < 0 ? "—" : Format.f0(kib / 1024.0) + " MiB";
    }

    /** RSS of the last sample at or before {@code minutes} after the start. */
    static long at(List<ProcSample> samples, long start, double minutes) {
        long when = start + (long) (minutes * 60_000);
        long rss = -1;
        for (ProcSample s : samples) {
            if (s.epochMillis() <= when) {
                rss = s.rssKiB();
            }
        }
        return rss;
    }

    static long peak(List<ProcSample> samples, RssRun.Result result) {
        return samples.stream().filter(s -> s.epochMillis() >= result.loadStartEpochMillis()
                && s.epochMillis() <= result.loadEndEpochMillis()).mapToLong(ProcSample::rssKiB).max().orElse(-1);
    }

    static double cpuMillis(List<ProcSample> samples, RssRun.Result result) {
        List<ProcSample> in = samples.stream().filter(s -> s.epochMillis() >= result.loadStartEpochMillis()
                && s.epochMillis() <= result.loadEndEpochMillis()).toList();
        if (in.size() < 2) {
            return 0;
        }
        return (in.get(in.size() - 1).cpuTicks() - in.get(0).cpuTicks()) * 1000.0 / ProcSample.TICKS_PER_SECOND;
    }

    static double slopePerTenMinutes(List<ProcSample> samples, RssRun.Result result) {
        long mid = (result.loadStartEpochMillis() + result.loadEndEpochMillis()) / 2;
        List<ProcSample> half = samples.stream().filter(s -> s.epochMillis() >= mid
                && s.epochMillis() <= result.loadEndEpochMillis()).toList();
        if (half.size() < 3) {
            return Double.NaN;
        }
        double n = half.size();
        double mx = half.stream().mapToDouble(s -> s.epochMillis() / 60_000.0).sum() / n;
        double my = half.stream().mapToDouble(s -> s.rssKiB() / 1024.0).sum() / n;
        double num = 0;
        double den = 0;
        for (ProcSample s : half) {
            double dx = s.epochMillis() / 60_000.0 - mx;
            num += dx * (s.rssKiB() / 1024.0 - my);
            den += dx * dx;
        }
        return den == 0 ? 0 : 10 * num / den;
    }
}
