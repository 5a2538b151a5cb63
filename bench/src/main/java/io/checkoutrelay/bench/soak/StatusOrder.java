package io.checkoutrelay.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The order of statuses (contracts.md): within an attempt ACCEPTED → (RETRYING while the enricher
 * retries Amazon) → ENRICHED → IMPORTING/RETRYING (the importer's) → IMPORTED or DECLINED; a higher
 * attempt starts again; IMPORTED is final. A status that goes
 * backwards is, in the sequence a read_committed consumer of checkout.status.v1 reads: anything but
 * IMPORTED after IMPORTED, a lower attempt after a higher one, a settled status replaced by another
 * settled one or an unsettled one of the same attempt, or an earlier stage after a later one. The one
 * tolerated exception is the contract's own: the intake's ACCEPTED of the same attempt may arrive
 * after a later stage (its write and the enricher's race; a lander's retry reaching a replica that
 * does not know the checkout yet is accepted again), and the status view keeps the later stage.
 */
final class StatusOrder {

    /** One status record as read. */
    record Step(int attempt, String status, String declineClass, String changedBy) {
        boolean settled() {
            return status.equals("IMPORTED") || status.equals("DECLINED");
        }
    }

    /** The status the view ends with, and each step that went backwards (described). */
    record Verdict(Step last, List<String> backwards) {
    }

    private static final Map<String, Integer> RANK = Map.of("ACCEPTED", 0, "ENRICHED", 2, "IMPORTING", 3,
            "RETRYING", 3, "IMPORTED", 4, "DECLINED", 4);
    /** RETRYING written by the enricher: it retries Amazon before the checkout is ENRICHED. */
    private static final int ENRICHER_RETRYING = 1;

    private StatusOrder() {
    }

    static Verdict fold(List<Step> steps) {
        Step current = null;
        List<String> backwards = new ArrayList<>();
        for (Step next : steps) {
            if (current == null) {
                current = next;
                continue;
            }
            String wrong = backwards(current, next);
            if (wrong != null) {
                backwards.add(wrong + ": " + describe(current) + " then " + describe(next));
            } else if (!tolerated(current, next)) {
                current = next;
            }
        }
        return new Verdict(current, backwards);
    }

    /** Why {@code next} after {@code current} goes backwards, or null when it does not. */
    static String backwards(Step current, Step next) {
        if (tolerated(current, next)) {
            return null;
        }
        if (current.status().equals("IMPORTED")) {
            return next.status().equals("IMPORTED") ? null : "after IMPORTED";
        }
        if (next.attempt() != current.attempt()) {
            return next.attempt() < current.attempt() ? "lower attempt" : null;
        }
        if (current.settled()) {
            return next.status().equals(current.status()) ? null : "settled status replaced";
        }
        return rank(next) < rank(current) ? "earlier stage" : null;
    }

    /** The intake's ACCEPTED arriving after a later stage of the same attempt (contracts.md): kept out of the view. */
    static boolean tolerated(Step current, Step next) {
        return next.attempt() == current.attempt() && next.status().equals("ACCEPTED")
                && "order-intake".equals(next.changedBy()) && rank(current) > 0;
    }

    private static int rank(Step step) {
        if (step.status().equals("RETRYING") && "profile-enricher".equals(step.changedBy())) {
            return ENRICHER_RETRYING;
        }
        Integer rank = RANK.get(step.status());
        if (rank == null) {
            throw new IllegalArgumentException("unknown status " + step.status());
        }
        return rank;
    }

    private static String describe(Step step) {
        return step.status() + (step.declineClass() == null ? "" : "/" + step.declineClass()) + " (attempt "
                + step.attempt() + ", " + step.changedBy() + ")";
    }
}
