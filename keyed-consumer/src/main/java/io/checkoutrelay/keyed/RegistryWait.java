package io.checkoutrelay.keyed;

import io.checkoutrelay.schemas.serde.RegistryValues;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one keyed consumer that wait because the schema registry cannot be asked. While any
 * does, the consumer is not ready; the first one says so at WARN (naming the registry, never a
 * credential), and the last one to be read says at INFO that the registry answers again.
 */
final class RegistryWait {

    private static final Logger log = LoggerFactory.getLogger(RegistryWait.class);

    private final String topic;
    private final Map<Waiting, String> records = new ConcurrentHashMap<>();

    RegistryWait(String topic) {
        this.topic = topic;
    }

    private record Waiting(int partition, long offset) {
    }

    void waiting(ConsumerRecord<?, ?> record, RegistryValues.RegistryUnavailable cause) {
        boolean first;
        synchronized (this) {
            first = records.isEmpty();
            records.put(new Waiting(record.partition(), record.offset()), cause.registry());
        }
        if (first) {
            log.warn("records of {} cannot be decoded: {}. They wait and are tried again (nothing after them of the"
                    + " same checkout runs, their offsets are not committed, nothing goes to the dead-letter topic);"
                    + " readiness DOWN until the registry answers", topic, cause.getMessage());
        }
    }

    /** The record is done, failed otherwise, or given up: it no longer waits for the registry. */
    void ended(ConsumerRecord<?, ?> record) {
        String registry;
        boolean last;
        synchronized (this) {
            registry = records.remove(new Waiting(record.partition(), record.offset()));
            last = registry != null && records.isEmpty();
        }
        if (last) {
            log.info("records of {} decode again: the schema registry {} answers; readiness UP", topic, registry);
        }
    }

    /** Partitions given away: their records are the next owner's to wait for. */
    synchronized void forget(Collection<Integer> partitions) {
        records.keySet().removeIf(waiting -> partitions.contains(waiting.partition()));
    }

    boolean waiting() {
        return !records.isEmpty();
    }

    Map<String, Object> details() {
        return records.values().stream().findAny()
                .<Map<String, Object>>map(registry -> Map.of("waitingForRegistry", registry, "recordsWaiting", records.size()))
                .orElse(Map.of());
    }
}
