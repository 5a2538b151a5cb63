package io.checkoutrelay.bench.soak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.bench.report.BenchReport;

/** Everything a soak run found, for the results file and the exit code. */
public record SoakResult(SoakOptions options, FaultPlan plan, Instant startedAt, Duration took, Duration loadTook,
                         Duration quietTook, BenchReport.Environment environment, Map<String, Object> sandboxFaults,
                         Map<String, String> serviceSettings, List<FaultInjector.Executed> faults,
                         Map<String, Map<String, Long>> sandboxOutcomes, long landerRetries,
                         Map<String, Long> landerRetryCauses, int landerFailures, long recordsRead,
                         SoakFigures figures, List<String> runProblems) {

    /** The broken invariants, then anything that kept the run from being complete; empty when it passed. */
    public List<String> violations() {
        List<String> all = new ArrayList<>(figures.violations());
        all.addAll(runProblems);
        return all;
    }

    public long lost() {
        return figures.lost();
    }

    public long chargedTwice() {
        return figures.chargedTwice();
    }

    public long attemptsWithoutExactlyOneResult() {
        return figures.notExactlyOne();
    }

    public long withoutTerminalStatus() {
        return figures.nonTerminal();
    }

    public long wentBackwards() {
        return figures.backwards();
    }

    public long checkouts() {
        return figures.checkouts();
    }
}
