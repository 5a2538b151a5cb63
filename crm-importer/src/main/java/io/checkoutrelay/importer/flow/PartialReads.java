package io.checkoutrelay.importer.flow;

import java.time.Duration;
import java.time.Instant;

/**
 * "Not there" read by Order Query after an ambiguous answer (the order PARTIAL, the upsell's product
 * not added) counts only when read twice at least {@code interval} apart: a request still inside the
 * CRM behind a timed-out gateway has then had time to finish. Readings that say nothing do not reset it.
 */
final class PartialReads {

    private final Duration interval;
    private Instant first;

    PartialReads(Duration interval) {
        this.interval = interval;
    }

    /** Records a "not there" reading; true when it confirms an earlier one read far enough before. */
    boolean confirmedBy(Instant readAt) {
        if (first == null) {
            first = readAt;
            return false;
        }
        return !readAt.isBefore(first.plus(interval));
    }

    /** How long until a reading could confirm the first one. */
    Duration untilConfirmable(Instant now) {
        Duration left = first == null ? Duration.ZERO : Duration.between(now, first.plus(interval));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The call is sent again: readings before it tell nothing about the next outcome. */
    void forget() {
        first = null;
    }
}
