package io.checkoutrelay.keyed;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a service does with one input record. The future completes when the record is done: its
 * outputs were committed through the {@link Outbox} (ideally with {@link Outbox#finish}, which commits
 * them together with the record's offset). A failed future is run again after a backoff while the
 * partition is owned; a {@link PartitionLease.Abandoned} failure is not.
 */
@FunctionalInterface
public interface RecordHandler {

    CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record);
}
