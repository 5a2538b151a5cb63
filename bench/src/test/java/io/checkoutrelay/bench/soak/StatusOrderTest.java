package io.checkoutrelay.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatusOrderTest {

    private static StatusOrder.Step step(int attempt, String status, String by) {
        return new StatusOrder.Step(attempt, status, status.equals("DECLINED") ? "CUSTOMER_ACTION" : null, by);
    }

    @Test
    void aStraightRunEndsImportedWithNothingBackwards() {
        StatusOrder.Verdict verdict = StatusOrder.fold(List.of(step(1, "ACCEPTED", "order-intake"),
                step(1, "RETRYING", "profile-enricher"), step(1, "ENRICHED", "profile-enricher"),
                step(1, "IMPORTING", "crm-importer"),
                step(1, "RETRYING", "crm-importer"), step(1, "IMPORTING", "crm-importer"),
                step(1, "IMPORTED", "crm-importer"), step(1, "IMPORTED", "crm-importer")));

        assertThat(verdict.last().status()).isEqualTo("IMPORTED");
        assertThat(verdict.backwards()).isEmpty();
    }

    @Test
    void theIntakesLateAcceptedOfTheSameAttemptIsTheContractsToleratedRace() {
        StatusOrder.Verdict verdict = StatusOrder.fold(List.of(step(1, "ENRICHED", "profile-enricher"),
                step(1, "ACCEPTED", "order-intake"), step(1, "IMPORTED", "crm-importer"),
                step(1, "ACCEPTED", "order-intake")));

        assertThat(verdict.last().status()).isEqualTo("IMPORTED");
        assertThat(verdict.backwards()).isEmpty();
    }

    @Test
    void aDeclineAfterImportedAnEarlierStageOrALowerAttemptGoBackwards() {
        assertThat(StatusOrder.fold(List.of(step(1, "IMPORTED", "crm-importer"), step(1, "DECLINED", "crm-importer")))
                .backwards()).singleElement().asString().startsWith("after IMPORTED");
        assertThat(StatusOrder.fold(List.of(step(1, "IMPORTING", "crm-importer"), step(1, "ENRICHED", "profile-enricher")))
                .backwards()).singleElement().asString().startsWith("earlier stage");
        assertThat(StatusOrder.fold(List.of(step(1, "RETRYING", "crm-importer"), step(1, "RETRYING", "profile-enricher")))
                .backwards()).singleElement().asString().startsWith("earlier stage");
        assertThat(StatusOrder.fold(List.of(step(2, "ACCEPTED", "order-intake"), step(1, "DECLINED", "crm-importer")))
                .backwards()).singleElement().asString().startsWith("lower attempt");
        assertThat(StatusOrder.fold(List.of(step(1, "DECLINED", "crm-importer"), step(1, "RETRYING", "crm-importer")))
                .backwards()).singleElement().asString().startsWith("settled status replaced");
    }

    @Test
    void aDeclineThenTheNextAttemptImportedEndsImported() {
        StatusOrder.Verdict verdict = StatusOrder.fold(List.of(step(1, "ACCEPTED", "order-intake"),
                step(1, "DECLINED", "crm-importer"), step(2, "ACCEPTED", "order-intake"), step(2, "ENRICHED", "profile-enricher"),
                step(2, "IMPORTED", "crm-importer")));

        assertThat(verdict.last()).isEqualTo(step(2, "IMPORTED", "crm-importer"));
        assertThat(verdict.backwards()).isEmpty();
    }
}
