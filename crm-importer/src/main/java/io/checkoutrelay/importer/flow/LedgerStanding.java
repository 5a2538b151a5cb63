package io.checkoutrelay.importer.flow;

import java.util.Set;

import io.checkoutrelay.importer.ledger.LedgerState;
import io.checkoutrelay.schemas.DeclineClass;

/**
 * Where the ledger says an order or an upsell stands, as far as the next record of it is concerned: the
 * importer's half of the intake's resubmission rule (order-intake {@code Submission.given}).
 *
 * @param state        the ledger state
 * @param attempt      the attempt that state belongs to
 * @param declineClass the decline class when DECLINED
 */
record LedgerStanding(LedgerState state, int attempt, String declineClass) {

    /** The classes after which the intake makes a resubmission the next attempt: trying again can work. */
    private static final Set<String> TRY_AGAIN = Set.of(DeclineClass.CUSTOMER_ACTION.name(),
            DeclineClass.CONSENT.name(), DeclineClass.UNAVAILABLE.name());

    /**
     * IMPORTED never again. DECLINED: a higher attempt after CUSTOMER_ACTION, CONSENT or UNAVAILABLE (the
     * buyer's next attempt), or the same attempt replayed after UNAVAILABLE (the operator's replay); an
     * outcome left unsettled is settled by Order Query before anything is sent. Otherwise the same or a
     * higher attempt (a redelivery, a crash, the next attempt); a lower one never.
     */
    boolean admits(int next) {
        return switch (state) {
            case IMPORTED -> false;
            case DECLINED -> next > attempt && TRY_AGAIN.contains(declineClass)
                    || next == attempt && DeclineClass.UNAVAILABLE.name().equals(declineClass);
            case LEAD, SUBMITTING -> next >= attempt;
        };
    }
}
