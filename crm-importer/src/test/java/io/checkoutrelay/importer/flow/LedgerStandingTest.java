package io.checkoutrelay.importer.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.importer.ledger.LedgerState;

/** Which record the ledger lets through: the importer's half of the lander's resubmission rule. */
class LedgerStandingTest {

    @Test
    void importedAdmitsNothingNotEvenAHigherAttempt() {
        LedgerStanding imported = new LedgerStanding(LedgerState.IMPORTED, 1, null);
        assertThat(imported.admits(1)).isFalse();
        assertThat(imported.admits(2)).isFalse();
    }

    @Test
    void aDeclineWhereTryingAgainWorksAdmitsTheNextAttempt() {
        for (String declineClass : new String[] {"CUSTOMER_ACTION", "CONSENT", "UNAVAILABLE"}) {
            LedgerStanding declined = new LedgerStanding(LedgerState.DECLINED, 2, declineClass);
            assertThat(declined.admits(3)).as(declineClass).isTrue();
            assertThat(declined.admits(1)).as(declineClass + ", a stale attempt").isFalse();
        }
    }

    @Test
    void onlyUnavailableAdmitsTheSameAttemptAgainForTheOperatorsReplay() {
        assertThat(new LedgerStanding(LedgerState.DECLINED, 1, "UNAVAILABLE").admits(1)).isTrue();
        assertThat(new LedgerStanding(LedgerState.DECLINED, 1, "CONSENT").admits(1)).isFalse();
        assertThat(new LedgerStanding(LedgerState.DECLINED, 1, "CUSTOMER_ACTION").admits(1)).isFalse();
    }

    @Test
    void terminalAndInvalidRequestStand() {
        assertThat(new LedgerStanding(LedgerState.DECLINED, 1, "TERMINAL").admits(2)).isFalse();
        assertThat(new LedgerStanding(LedgerState.DECLINED, 1, "INVALID_REQUEST").admits(2)).isFalse();
    }

    @Test
    void workUnderWayAdmitsTheSameOrAHigherAttempt() {
        for (LedgerState state : new LedgerState[] {LedgerState.LEAD, LedgerState.SUBMITTING}) {
            LedgerStanding underWay = new LedgerStanding(state, 2, null);
            assertThat(underWay.admits(2)).isTrue();
            assertThat(underWay.admits(3)).isTrue();
            assertThat(underWay.admits(1)).isFalse();
        }
    }
}
