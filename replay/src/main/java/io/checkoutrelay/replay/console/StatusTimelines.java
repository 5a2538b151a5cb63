package io.checkoutrelay.replay.console;

import io.checkoutrelay.replay.kafka.RecordDecoder;
import io.checkoutrelay.replay.kafka.TopicReader;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent checkouts and the status changes of each (order and upsells), from checkout.status.v1.
 * The topic is compacted: older changes of a checkout may already be gone, its latest one never is.
 */
final class StatusTimelines {

    /** One status change, as the page shows it. */
    record Change(Instant at, String subject, int attempt, String status, String detail, String by) {
    }

    /** A checkout and its changes, oldest first. */
    record Timeline(String checkoutId, List<Change> changes) {
        Instant lastChange() {
            return changes.get(changes.size() - 1).at();
        }

        String latestOrderStatus() {
            String status = "";
            for (Change change : changes) {
                if (change.subject().equals("order")) {
                    status = change.status();
                }
            }
            return status;
        }
    }

    private StatusTimelines() {
    }

    /** The {@code limit} checkouts changed most recently since {@code from}, newest first. */
    static List<Timeline> read(TopicReader reader, RecordDecoder decoder, Instant from, int limit) {
        Map<String, List<Change>> byCheckout = new HashMap<>();
        reader.scan(Topics.CHECKOUT_STATUS.name(), from, record -> decoder.decode(record, CheckoutStatusChanged.class)
                .ifPresent(change -> byCheckout.computeIfAbsent(change.getCheckoutId(), id -> new ArrayList<>())
                        .add(changeOf(change))));
        List<Timeline> timelines = new ArrayList<>();
        byCheckout.forEach((checkoutId, changes) -> {
            changes.sort(Comparator.comparing(Change::at));
            timelines.add(new Timeline(checkoutId, List.copyOf(changes)));
        });
        timelines.sort(Comparator.comparing(Timeline::lastChange).reversed());
        return timelines.subList(0, Math.min(limit, timelines.size()));
    }

    private static Change changeOf(CheckoutStatusChanged change) {
        String subject = change.getKind() == CheckoutKind.UPSELL
                ? "upsell " + (change.getProductId() != null ? "product " + change.getProductId() : change.getUpsellId())
                : "order";
        String detail = change.getDecline() != null
                ? change.getDecline().getDeclineClass() + " " + change.getDecline().getReason()
                : change.getCrmOrderId() != null ? "CRM order " + change.getCrmOrderId() : "";
        return new Change(change.getChangedAt(), subject, change.getAttempt(), change.getStatus().name(), detail,
                change.getChangedBy());
    }
}
