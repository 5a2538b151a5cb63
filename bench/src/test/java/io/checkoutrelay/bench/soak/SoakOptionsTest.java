package io.checkoutrelay.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SoakOptionsTest {

    @Test
    void defaultsAreTheIssuesSoak() {
        SoakOptions options = SoakOptions.parse(new String[0]);

        assertThat(options.checkouts()).isEqualTo(10_000);
        assertThat(options.faults()).isEqualTo("full");
        assertThat(options.name()).startsWith("soak-");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--checkouts", "ten"})).hasMessageContaining("--checkouts");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--faults", "some"})).hasMessageContaining("--faults");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--rate", "0"})).hasMessageContaining("--rate");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--soon"})).hasMessageContaining("--soon");
    }

    @Test
    void theLandersPlanHasDeclinesToTryAgainAndUpsellsWithAndWithoutKeys() {
        assertThat(CheckoutPlan.of(7).productId()).isEqualTo(CheckoutPlan.DECLINED_ONCE);
        assertThat(CheckoutPlan.of(27).retryAfterDecline()).isTrue();
        assertThat(CheckoutPlan.of(2).upsells()).hasSize(2).allMatch(u -> u.idempotencyKey() != null);
        assertThat(CheckoutPlan.of(1).upsells()).singleElement().matches(u -> u.idempotencyKey() == null);
        assertThat(CheckoutPlan.of(3).upsells()).isEmpty();
    }
}
