package io.checkoutrelay.replay.declined;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.checkoutrelay.replay.cli.Position;
import io.checkoutrelay.replay.cli.Request;
import io.checkoutrelay.replay.kafka.EarlierReplays;
import io.checkoutrelay.replay.kafka.RecordDecoder;
import io.checkoutrelay.replay.kafka.ReplayHeaders;
import io.checkoutrelay.replay.kafka.Republisher;
import io.checkoutrelay.replay.kafka.TopicReader;
import io.checkoutrelay.replay.report.Report;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.AmazonCheckoutEnriched;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.topic.Topics;

/**
 * {@code replay declined}: reads the declines, the statuses and earlier replays, decides with the
 * {@link DeclinePlanner}, then copies each chosen source record back to its topic.
 */
public final class DeclinedReplay {

    private final TopicReader reader;
    private final RecordDecoder decoder;
    private final Republisher publisher;
    private final Report report;
    private final Clock clock;

    /** {@code publisher} may be null for a dry run. */
    public DeclinedReplay(TopicReader reader, RecordDecoder decoder, Republisher publisher, Report report, Clock clock) {
        this.reader = reader;
        this.decoder = decoder;
        this.publisher = publisher;
        this.report = report;
        this.clock = clock;
    }

    public void run(Request.Declined request) {
        DeclinePlanner planner = new DeclinePlanner(request.checkoutIds(), request.since(), request.until());
        List<DeclineAt> declines = readDeclines(planner);
        Set<String> keys = new HashSet<>();
        Set<String> sourceTopics = new LinkedHashSet<>();
        for (DeclineAt at : declines) {
            keys.add(at.statusKey());
            if (at.decline().getDecline().getDeclineClass() == DeclineClass.UNAVAILABLE && at.source() != null) {
                sourceTopics.add(at.source().topic());
            }
        }
        Map<String, CheckoutStatusChanged> statuses = readStatuses(keys);
        Map<Position, Position> replayed = new HashMap<>();
        sourceTopics.forEach(topic -> replayed.putAll(EarlierReplays.on(reader, topic)));

        Set<String> found = new HashSet<>();
        declines.forEach(at -> found.add(at.decline().getCheckoutId()));
        for (String checkoutId : request.checkoutIds()) {
            if (!found.contains(checkoutId)) {
                report.missing("checkout " + checkoutId, "no decline on " + Topics.ORDER_DECLINED.name()
                        + (request.since() != null || request.until() != null ? " in the chosen time window" : ""));
            }
        }
        for (Decision decision : planner.plan(declines, statuses, replayed)) {
            if (decision.replay()) {
                replay(decision.decline(), request.dryRun());
            } else {
                report.skipped(decision.decline().subject(), decision.why());
            }
        }
    }

    private void replay(DeclineAt at, boolean dryRun) {
        Position source = at.source();
        TopicReader.Fetched fetched = reader.fetch(source.topic(), source.partition(), source.offset());
        if (fetched.record().isEmpty()) {
            report.missing(at.subject(), "source record " + source + " " + fetched.whyMissing()
                    + "; it cannot be replayed: the buyer must submit the checkout again");
            return;
        }
        ConsumerRecord<byte[], byte[]> record = fetched.record().get();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!at.decline().getCheckoutId().equals(key)) {
            report.failed(at.subject(), "source record " + source + " has key " + key + ", not the checkout id: not replayed");
            return;
        }
        warnIfTokenDead(at, record);
        String detail = at.describe() + "; " + source + " -> " + source.topic();
        if (dryRun) {
            report.replayed(at.subject(), detail);
            return;
        }
        try {
            Position copy = publisher.publish(source.topic(), source.partition(), record.key(), record.value(),
                    ReplayHeaders.forReplay(record.headers(), false, source.toString(), "declined " + at.position()));
            report.replayed(at.subject(), at.describe() + "; " + source + " -> " + copy);
        } catch (RuntimeException e) {
            report.failed(at.subject(), e.getMessage());
        }
    }

    private void warnIfTokenDead(DeclineAt at, ConsumerRecord<byte[], byte[]> record) {
        Optional<Object> value = decoder.decode(record, Object.class)
                .filter(v -> v instanceof AmazonCheckoutCaptured || v instanceof AmazonCheckoutEnriched);
        if (value.isEmpty()) {
            report.warning(at.subject(), "source record could not be decoded; the token's age is unknown");
            return;
        }
        Instant deadline = TokenLife.deadline(value.get()).orElseThrow();
        if (!clock.instant().isBefore(deadline)) {
            report.warning(at.subject(), "the buyer's Amazon token died at " + deadline + ": unless the CRM already "
                    + "has the order (an unknown outcome is settled by Order Query first), the replay ends in a "
                    + "CONSENT decline (token_expired) and the buyer must sign in with Amazon again");
        }
    }

    private List<DeclineAt> readDeclines(DeclinePlanner planner) {
        List<DeclineAt> declines = new ArrayList<>();
        int unreadable = 0;
        Instant from = planner.since();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        reader.scan(Topics.ORDER_DECLINED.name(), from, records::add);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Optional<OrderDeclined> decline = decoder.decode(record, OrderDeclined.class);
            if (decline.isEmpty()) {
                unreadable++;
                continue;
            }
            DeclineAt at = new DeclineAt(record.partition(), record.offset(), decline.get());
            if (planner.wanted(at)) {
                declines.add(at);
            }
        }
        if (unreadable > 0) {
            report.warning(Topics.ORDER_DECLINED.name(), unreadable + " records could not be read as OrderDeclined");
        }
        return declines;
    }

    private Map<String, CheckoutStatusChanged> readStatuses(Set<String> keys) {
        Map<String, CheckoutStatusChanged> statuses = new HashMap<>();
        if (keys.isEmpty()) {
            return statuses;
        }
        reader.scan(Topics.CHECKOUT_STATUS.name(), null, record -> {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (key != null && keys.contains(key)) {
                decoder.decode(record, CheckoutStatusChanged.class).ifPresent(status -> statuses.put(key, status));
            }
        });
        return statuses;
    }
}
