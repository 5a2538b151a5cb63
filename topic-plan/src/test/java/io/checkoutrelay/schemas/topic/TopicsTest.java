package io.checkoutrelay.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What the plan promises about state: nothing kept forever, and the ledger outliving what it guards. */
class TopicsTest {

    /** A buyer's Login with Amazon token lives 60 minutes: no record can charge later than that after capture. */
    private static final Duration TOKEN_LIFE = Duration.ofMinutes(60);

    @Test
    void noTopicKeepsEveryKeyForever() {
        for (TopicSpec topic : Topics.all()) {
            assertThat(topic.retention()).as(topic.name() + " has a retention").isNotNull();
            assertThat(topic.configs()).as(topic.name()).containsEntry("retention.ms",
                    Long.toString(topic.retention().toMillis()));
            assertThat(topic.cleanupPolicy()).as(topic.name()).isNotEqualTo(TopicSpec.COMPACT);
        }
    }

    @Test
    void theLedgerIsCompactedAndDeletedAfterEightDaysRollingDaily() {
        assertThat(Topics.IMPORTER_LEDGER.configs()).containsEntry("cleanup.policy", "compact,delete")
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(8).toMillis()))
                .containsEntry("segment.ms", Long.toString(Duration.ofDays(1).toMillis()));
        assertThat(Topics.IMPORTER_LEDGER.retention()).isEqualTo(Topics.LEDGER_RETENTION);
    }

    @Test
    void theLedgerRemembersACheckoutLongerThanTheIntakeTakesItForTheSameCheckout() {
        // the intake makes a new submission of a known Amazon reference a duplicate or the next attempt for
        // as long as its status is kept; after that it is a new checkout with a live token, which the ledger
        // must still know, token life included
        assertThat(Topics.LEDGER_RETENTION).isGreaterThan(Topics.STATUS_RETENTION.plus(TOKEN_LIFE));
        // and every record that can be replayed with the replay tool's source topics has a dead token by then
        assertThat(Topics.LEDGER_RETENTION).isGreaterThan(Topics.CHECKOUT_ENRICHED.retention().plus(TOKEN_LIFE));
    }

    @Test
    void aRenamedTopicKeepsEveryConfig() {
        TopicSpec renamed = Topics.IMPORTER_LEDGER.named("test.ledger");
        assertThat(renamed.name()).isEqualTo("test.ledger");
        assertThat(renamed.configs()).isEqualTo(Topics.IMPORTER_LEDGER.configs());
    }
}
