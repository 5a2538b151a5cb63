package io.checkoutrelay.bench.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import io.checkoutrelay.bench.system.TopicPartitions;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.OrderImported;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import io.checkoutrelay.schemas.topic.Topics;

/**
 * What a downstream consumer sees: crm.order.imported.v1, crm.order.declined.v1 and
 * checkout.status.v1 read from their beginning with {@code isolation.level=read_committed}, as
 * contracts.md tells consumers to. Counts result events per checkout attempt and keeps the sequence
 * of statuses of every order and upsell, in topic order. Started before the load, so it sees every
 * status before compaction could remove one.
 */
final class ResultEvents implements AutoCloseable {

    /** An order attempt ({@code upsellId} empty) or an upsell attempt. */
    record AttemptKey(String checkoutId, String upsellId, int attempt) {
    }

    /** The result events of one attempt, and the CRM order id the first OrderImported named. */
    static final class Results {
        int imported;
        int declined;
        String crmOrderId;

        int total() {
            return imported + declined;
        }
    }

    private final Map<AttemptKey, Results> results = new ConcurrentHashMap<>();
    private final Map<String, List<StatusOrder.Step>> statuses = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<Object> avro;
    private final Thread thread;
    private volatile boolean running = true;

    @SuppressWarnings({"unchecked", "rawtypes"})
    ResultEvents(String bootstrap, String registryUrl) {
        RelaySerdes.trustGeneratedClasses();
        avro = (Deserializer) new AvroKafkaDeserializer<>();
        avro.configure(RelaySerdes.consumerConfigs(registryUrl), false);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = TopicPartitions.of(consumer, List.of(Topics.ORDER_IMPORTED.name(), Topics.ORDER_DECLINED.name(), Topics.CHECKOUT_STATUS.name()));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::loop, "soak-result-events");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.incrementAndGet();
                    take(record);
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException stopping) {
            // closed
        } finally {
            consumer.close();
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> record) {
        Object value = decode(record);
        if (value instanceof OrderImported imported) {
            Results counts = results(imported.getCheckoutId(), imported.getUpsellId(), imported.getAttempt());
            synchronized (counts) {
                counts.imported++;
                if (counts.crmOrderId == null) {
                    counts.crmOrderId = imported.getCrmOrderId();
                }
            }
        } else if (value instanceof OrderDeclined declined) {
            Results counts = results(declined.getCheckoutId(), declined.getUpsellId(), declined.getAttempt());
            synchronized (counts) {
                counts.declined++;
            }
        } else if (value instanceof CheckoutStatusChanged change) {
            String key = change.getUpsellId() == null ? change.getCheckoutId()
                    : change.getCheckoutId() + ":" + change.getUpsellId();
            StatusOrder.Step step = new StatusOrder.Step(change.getAttempt(), change.getStatus().name(),
                    change.getDecline() == null ? null : change.getDecline().getDeclineClass().name(), change.getChangedBy());
            statuses.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(step);
        } else {
            undecodable.incrementAndGet();
        }
    }

    /** Decodes a value; while the registry is away (restart) it waits and asks again, for up to 3 minutes. */
    private Object decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                return avro.deserialize(record.topic(), record.headers(), record.value());
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !running) {
                    return null;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    private Results results(CharSequence checkoutId, CharSequence upsellId, int attempt) {
        return results.computeIfAbsent(new AttemptKey(checkoutId.toString(), upsellId == null ? "" : upsellId.toString(),
                attempt), key -> new Results());
    }

    Map<AttemptKey, Results> results() {
        return results;
    }

    /** Status key ({@code checkoutId} or {@code checkoutId:upsellId}) → its statuses in topic order. */
    Map<String, List<StatusOrder.Step>> statuses() {
        return statuses;
    }

    long records() {
        return records.get();
    }

    long undecodable() {
        return undecodable.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        avro.close();
    }
}
