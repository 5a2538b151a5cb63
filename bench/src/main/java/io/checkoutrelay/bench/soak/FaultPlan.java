package io.checkoutrelay.bench.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.localstack.system.WholeSystem;

/**
 * Which faults the soak injects and when: each at a point of the load (the fraction of checkouts
 * posted so far), so the schedule stretches with the number of checkouts. Faults run one after
 * another; one that is due while another still runs waits for it.
 */
public record FaultPlan(String name, List<Step> steps) {

    /** A fault due once {@code atProgress} (0..1) of the checkouts have been posted. */
    public record Step(double atProgress, Fault fault) {
        public Step {
            if (!(atProgress >= 0 && atProgress <= 1)) {
                throw new IllegalArgumentException("a fault's point in the load must be between 0 and 1, not " + atProgress);
            }
        }
    }

    public FaultPlan {
        steps = List.copyOf(steps);
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).atProgress() < steps.get(i - 1).atProgress()) {
                throw new IllegalArgumentException("fault plan '" + name + "': steps must be in load order");
            }
        }
    }

    /**
     * The schedule: importer SIGKILL x5 and SIGSTOP past the session timeout x2, enricher
     * SIGKILL x3, intake SIGKILL x2, broker restart x1, registry restart x1; spread between 5 % and
     * 90 % of the load, kinds interleaved.
     */
    public static FaultPlan full(Duration freeze) {
        List<Fault> order = List.of(
                new Fault.Kill(WholeSystem.IMPORTER),
                new Fault.Kill(WholeSystem.ENRICHER),
                new Fault.Freeze(WholeSystem.IMPORTER, freeze),
                new Fault.Kill(WholeSystem.INTAKE),
                new Fault.Kill(WholeSystem.IMPORTER),
                new Fault.BrokerRestart(),
                new Fault.Kill(WholeSystem.ENRICHER),
                new Fault.Kill(WholeSystem.IMPORTER),
                new Fault.RegistryRestart(),
                new Fault.Freeze(WholeSystem.IMPORTER, freeze),
                new Fault.Kill(WholeSystem.INTAKE),
                new Fault.Kill(WholeSystem.IMPORTER),
                new Fault.Kill(WholeSystem.ENRICHER),
                new Fault.Kill(WholeSystem.IMPORTER));
        return spread("full", order, 0.05, 0.90);
    }

    /** The CI version: one importer SIGKILL, one importer SIGSTOP past the session timeout, one enricher SIGKILL. */
    public static FaultPlan ci(Duration freeze) {
        return spread("ci", List.of(new Fault.Kill(WholeSystem.IMPORTER), new Fault.Freeze(WholeSystem.IMPORTER, freeze),
                new Fault.Kill(WholeSystem.ENRICHER)), 0.15, 0.75);
    }

    static FaultPlan spread(String name, List<Fault> faults, double from, double to) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            double at = faults.size() == 1 ? from : from + (to - from) * i / (faults.size() - 1);
            steps.add(new Step(Math.round(at * 1000) / 1000.0, faults.get(i)));
        }
        return new FaultPlan(name, steps);
    }

    /** How many of each kind, by label, in plan order. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        steps.forEach(step -> counts.merge(step.fault().label(), 1, Integer::sum));
        return counts;
    }
}
