package io.checkoutrelay.replay.console;

import io.checkoutrelay.replay.kafka.RecordDecoder;
import io.checkoutrelay.replay.kafka.TopicReader;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Declines (crm.order.declined.v1) by class and reason in equal time slices of the window: what is
 * being declined, and whether it is growing.
 *
 * @param slices the slices' start instants, oldest first
 * @param counts per "CLASS reason", the count in each slice
 */
record DeclineTally(List<Instant> slices, Map<String, int[]> counts) {

    static final int SLICES = 6;

    static DeclineTally read(TopicReader reader, RecordDecoder decoder, Instant from, Instant now) {
        Duration slice = Duration.between(from, now).dividedBy(SLICES);
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < SLICES; i++) {
            starts.add(from.plus(slice.multipliedBy(i)));
        }
        Map<String, int[]> counts = new TreeMap<>();
        reader.scan(Topics.ORDER_DECLINED.name(), from, record -> decoder.decode(record, OrderDeclined.class)
                .ifPresent(declined -> {
                    long index = Duration.between(from, declined.getDeclinedAt()).toMillis() / Math.max(1, slice.toMillis());
                    int at = (int) Math.max(0, Math.min(SLICES - 1, index));
                    counts.computeIfAbsent(declined.getDecline().getDeclineClass() + " "
                            + declined.getDecline().getReason(), k -> new int[SLICES])[at]++;
                }));
        return new DeclineTally(List.copyOf(starts), counts);
    }
}
