package io.checkoutrelay.importer.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The importer's in-memory ledger holds the checkouts changed within the horizon, however many went
 * before: counted, not timed.
 */
class LedgerViewTest {

    private static final Duration HORIZON = Duration.ofDays(8);
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void aRestoreHoldsOnlyTheEntriesChangedWithinTheHorizon() {
        MovingClock clock = new MovingClock(START.plus(Duration.ofDays(30)));
        LedgerView view = new LedgerView(HORIZON, clock);
        LedgerView.Restore restore = view.restoring(List.of(0, 1));
        int old = 100_000;
        for (int i = 0; i < old; i++) {
            // settled 9 to 30 days ago: the topic may still hold them (compaction, segment roll)
            restore.apply(i % 2, "old-" + i, imported("old-" + i, clock.instant().minus(Duration.ofDays(9))
                    .minusSeconds(i % (21 * 24 * 3600))));
        }
        for (int i = 0; i < 10; i++) {
            restore.apply(i % 2, "recent-" + i, imported("recent-" + i, clock.instant().minus(Duration.ofDays(7))));
        }
        // an old checkout changed again recently is held in its recent state
        restore.apply(0, "old-0", imported("old-0", clock.instant().minus(Duration.ofHours(1))));
        // a tombstone removes what it names
        restore.apply(1, "recent-1", null);
        restore.install();

        assertThat(restore.expired()).isEqualTo(old);
        assertThat(view.size()).isEqualTo(10);
        assertThat(view.get(0, "old-0")).isPresent();
        assertThat(view.get(1, "old-1")).isEmpty();
        assertThat(view.get(1, "recent-1")).isEmpty();
        assertThat(view.get(0, "recent-0")).isPresent();
    }

    @Test
    void theViewStaysBoundedByTheCheckoutsOfTheHorizonWhileEverMoreGoBy() {
        MovingClock clock = new MovingClock(START);
        LedgerView view = new LedgerView(HORIZON, clock);
        view.restoring(List.of(0, 1, 2)).install();
        int perHour = 100;
        int hours = 40 * 24;
        int bound = perHour * (int) HORIZON.plus(LedgerView.SWEEP_EVERY).toHours(); // plus one sweep interval
        int largest = 0;
        for (int hour = 0; hour < hours; hour++) {
            for (int i = 0; i < perHour; i++) {
                String id = "c-" + hour + "-" + i;
                // each checkout is settled now (LEAD, then IMPORTED), as the importer writes it
                view.remember(i % 3, new LedgerEntry(id, "o-" + id, null, LedgerState.LEAD, 1, null, null, false,
                        false, List.of(), Map.of(), clock.millis()));
                view.remember(i % 3, imported(id, clock.instant()));
                clock.advance(Duration.ofHours(1).dividedBy(perHour));
            }
            largest = Math.max(largest, view.size());
        }
        int seen = perHour * hours;
        assertThat(seen).isEqualTo(96_000);
        assertThat(largest).isLessThanOrEqualTo(bound);
        assertThat(view.size()).isBetween(perHour * (int) HORIZON.toHours(), bound);
        // what is held is what the last 8 days settled; an older checkout is forgotten
        assertThat(view.get(0, "c-" + (hours - 1) + "-0")).isPresent();
        assertThat(view.get(0, "c-" + (hours - 8 * 24 - 2) + "-0")).isEmpty();
    }

    @Test
    void anEntryPastTheHorizonIsNotReturnedEvenBeforeTheSweep() {
        MovingClock clock = new MovingClock(START);
        LedgerView view = new LedgerView(HORIZON, clock);
        view.restoring(List.of(4)).install();
        view.remember(4, imported("a", clock.instant()));
        clock.advance(HORIZON.minusSeconds(1));
        assertThat(view.get(4, "a")).isPresent();
        clock.advance(Duration.ofSeconds(2));
        assertThat(view.get(4, "a")).isEmpty();
        assertThat(view.size()).isZero();
        assertThat(view.forgetsBefore()).isEqualTo(clock.instant().minus(HORIZON));
    }

    @Test
    void onlyOwnedPartitionsAreHeldAndAGivenAwayOneIsDropped() {
        MovingClock clock = new MovingClock(START);
        LedgerView view = new LedgerView(HORIZON, clock);
        view.remember(1, imported("not-owned", clock.instant()));
        assertThat(view.size()).isZero();
        view.restoring(List.of(1)).install();
        view.remember(1, imported("owned", clock.instant()));
        assertThat(view.size()).isOne();
        view.forget(List.of(1));
        assertThat(view.size()).isZero();
        assertThat(view.get(1, "owned")).isEmpty();
    }

    @Test
    void beyondItsMaximumTheViewForgetsSettledEntriesOlderThanTwoHoursAndSaysFromWhen() {
        MovingClock clock = new MovingClock(START);
        LedgerView view = new LedgerView(HORIZON, 1000, clock);
        view.restoring(List.of(0, 1, 2)).install();
        int largest = 0;
        for (int i = 0; i < 20_000; i++) {
            String id = "c-" + i;
            view.remember(i % 3, new LedgerEntry(id, "o-" + id, null, LedgerState.LEAD, 1, null, null, false, false,
                    List.of(), Map.of(), clock.millis()));
            view.remember(i % 3, imported(id, clock.instant()));
            clock.advance(Duration.ofSeconds(10)); // 360 an hour: 720 within the two hours always kept
            largest = Math.max(largest, view.size());
        }

        assertThat(largest).as("never more than the maximum plus one").isLessThanOrEqualTo(1001);
        assertThat(view.forgottenForSize()).isEqualTo(20_000 - view.size());
        assertThat(view.get(1, "c-19999")).isPresent();
        assertThat(view.get(0, "c-0")).isEmpty();
        // a record captured before the latest change forgotten may be one of them: the importer sends nothing
        Instant forgetsBefore = view.forgetsBefore();
        assertThat(forgetsBefore).isAfter(clock.instant().minus(HORIZON))
                .isBeforeOrEqualTo(clock.instant().minus(LedgerView.KEPT_AT_LEAST));
        for (int i = 0; i < 20_000; i++) {
            if (view.get(i % 3, "c-" + i).isEmpty()) {
                Instant changed = START.plus(Duration.ofSeconds(10L * i));
                assertThat(changed).as("c-%d was forgotten, so a record of it is taken as maybe forgotten", i)
                        .isBefore(forgetsBefore);
            }
        }
    }

    @Test
    void entriesThatCanStillChangeTheCrmAreKeptBeyondTheMaximum() {
        MovingClock clock = new MovingClock(START);
        LedgerView view = new LedgerView(HORIZON, 10, clock);
        view.restoring(List.of(0)).install();
        long longAgo = clock.millis();
        for (int i = 0; i < 5; i++) {
            view.remember(0, new LedgerEntry("lead-" + i, "o-" + i, null, LedgerState.SUBMITTING, 1, null, null, false,
                    false, List.of(), Map.of(), longAgo));
        }
        view.remember(0, new LedgerEntry("unsettled", "o-u", "c-u", LedgerState.DECLINED, 1, "UNAVAILABLE",
                "outcome_unsettled", true, false, List.of(101L), Map.of(), longAgo));
        view.remember(0, new LedgerEntry("upsell-pending", "o-p", "c-p", LedgerState.IMPORTED, 1, null, null, false,
                false, List.of(101L), Map.of("u1", UpsellEntry.submitting(205L, 1, 0L)), longAgo));
        clock.advance(Duration.ofHours(3));
        for (int i = 0; i < 20; i++) {
            view.remember(0, imported("recent-" + i, clock.instant()));
        }

        assertThat(view.size()).as("nothing old enough and settled to forget").isEqualTo(27);
        assertThat(view.forgetsBefore()).isEqualTo(clock.instant().minus(HORIZON));
        clock.advance(Duration.ofHours(3));
        view.remember(0, imported("now", clock.instant()));

        assertThat(view.size()).as("28 held, 19 of the 20 settled three-hour-old ones forgotten").isEqualTo(9);
        for (int i = 0; i < 5; i++) {
            assertThat(view.get(0, "lead-" + i)).as("its Import Order may have been sent").isPresent();
        }
        assertThat(view.get(0, "unsettled")).isPresent();
        assertThat(view.get(0, "upsell-pending")).isPresent();
        assertThat(view.get(0, "now")).isPresent();
    }

    /** Above maxEntries per two hours nothing qualifies for a while: the view must not rescan on every write. */
    @Test
    void aViewOverItsMaximumWithNothingToForgetScansAtMostOnceAMinute() {
        MovingClock clock = new MovingClock(START);
        LedgerView view = new LedgerView(HORIZON, 100, clock);
        view.restoring(List.of(0)).install();
        for (int i = 0; i < 1000; i++) {
            view.remember(0, imported("recent-" + i, clock.instant()));
            clock.advance(Duration.ofMillis(10)); // 100 a second: all within the two hours always kept
        }

        assertThat(view.size()).isEqualTo(1000);
        assertThat(view.trimPasses()).as("900 writes over the maximum within 9 s").isEqualTo(1);
        clock.advance(LedgerView.TRIM_RETRY);
        view.remember(0, imported("a-minute-later", clock.instant()));
        assertThat(view.trimPasses()).isEqualTo(2);
    }

    @Test
    void aMaximumBelowOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LedgerView(HORIZON, 0, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum entries");
    }

    private static LedgerEntry imported(String checkoutId, Instant at) {
        return new LedgerEntry(checkoutId, "o-" + checkoutId, "c-" + checkoutId, LedgerState.IMPORTED, 1, null, null,
                false, false, List.of(101L), Map.of(), at.toEpochMilli());
    }

    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
