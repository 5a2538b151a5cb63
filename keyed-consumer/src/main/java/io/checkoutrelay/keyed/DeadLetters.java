package io.checkoutrelay.keyed;

import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.Decline;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Where a record that can never be processed goes, the same in every service on the engine: its key,
 * bytes and headers to {@code <topic>.dlt} with the error in spring-kafka's standard dead-letter headers
 * (exception class, message, root cause class, original topic, partition, offset, timestamp, consumer
 * group; no stack trace), and, when the checkout is known, a terminal status for it on
 * {@code checkout.status.v1}: DECLINED, class INVALID_REQUEST, reason {@value #REASON}, so the lander stops
 * waiting. Both are committed with the record's offset in one transaction through the {@link Outbox}:
 * written once, and the record is then done. Only a record that is really unreadable comes here; a
 * registry that cannot be asked is waited for ({@link io.checkoutrelay.schemas.serde.RegistryValues}).
 */
public final class DeadLetters {

    /** The decline reason of a checkout whose record could not be read. */
    public static final String REASON = "record_unreadable";
    public static final String MESSAGE = "This order could not be placed. Please contact the merchant.";

    private final Outbox outbox;
    private final String changedBy;
    private final Clock clock;
    private final CheckoutTracing tracing;
    private final OutboxRecoverer recoverer;

    public DeadLetters(Outbox outbox, String consumerGroup, String changedBy, Clock clock, CheckoutTracing tracing) {
        this.outbox = outbox;
        this.changedBy = changedBy;
        this.clock = clock;
        this.tracing = tracing;
        this.recoverer = new OutboxRecoverer(consumerGroup);
    }

    /** A record that could not be read at all: the status, if any, is the order's of the checkout its key names. */
    public CompletableFuture<Void> send(ConsumerRecord<String, byte[]> record, Exception cause) {
        return send(record, cause, UnreadableCheckout.fromKey(record.key()));
    }

    /** A record read far enough to know its checkout (e.g. a token that cannot be decrypted). */
    public CompletableFuture<Void> send(ConsumerRecord<String, byte[]> record, Exception cause,
            Optional<UnreadableCheckout> checkout) {
        List<ProducerRecord<String, Object>> records = new ArrayList<>(2);
        records.add(recoverer.deadLetter(record, cause));
        checkout.ifPresent(unreadable -> records.add(status(unreadable)));
        return tracing.keep(outbox.finish(record.partition(), record.offset(), records));
    }

    private ProducerRecord<String, Object> status(UnreadableCheckout checkout) {
        boolean order = checkout.kind() == CheckoutKind.ORDER;
        CheckoutStatusChanged status = CheckoutStatusChanged.newBuilder()
                .setCheckoutId(checkout.checkoutId())
                .setKind(checkout.kind())
                .setUpsellId(order ? null : checkout.upsellId())
                .setProductId(order ? null : checkout.productId())
                .setAttempt(checkout.attempt())
                .setStatus(CheckoutStatus.DECLINED)
                .setDecline(Decline.newBuilder().setDeclineClass(DeclineClass.INVALID_REQUEST).setReason(REASON)
                        .setMessage(MESSAGE).build())
                .setChangedBy(changedBy)
                .setChangedAt(clock.instant())
                .build();
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.CHECKOUT_STATUS.name(),
                order ? checkout.checkoutId() : Topics.upsellStatusKey(checkout.checkoutId(), checkout.upsellId()), status);
        tracing.inject(record.headers());
        return record;
    }

    /**
     * spring-kafka's recoverer builds the dead letter (destination {@code <topic>.dlt}, any partition, its
     * standard headers); instead of sending it through a template, it hands it back here for the outbox. The
     * template it requires is never used.
     */
    private static final class OutboxRecoverer extends DeadLetterPublishingRecoverer {

        private static final KafkaOperations<?, ?> UNUSED = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of()));

        private final Map<ConsumerRecord<?, ?>, ProducerRecord<Object, Object>> built = new ConcurrentHashMap<>();

        OutboxRecoverer(String consumerGroup) {
            super(record -> UNUSED, false, (record, e) -> new TopicPartition(record.topic() + ".dlt", -1));
            excludeHeader(HeaderNames.HeadersToAdd.EX_STACKTRACE);
            setVerifyPartition(false);
            // the group header, which the recoverer takes from a listener container's exception otherwise
            setHeadersFunction((record, e) -> new RecordHeaders(List.of(new RecordHeader(
                    KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, consumerGroup.getBytes(StandardCharsets.UTF_8)))));
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        ProducerRecord<String, Object> deadLetter(ConsumerRecord<String, byte[]> record, Exception cause) {
            accept(record, null, cause);
            return (ProducerRecord) built.remove(record);
        }

        @Override
        protected void send(ProducerRecord<Object, Object> deadLetter, KafkaOperations<Object, Object> unused,
                ConsumerRecord<?, ?> record) {
            built.put(record, deadLetter);
        }
    }
}
