package io.checkoutrelay.bench.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import io.checkoutrelay.bench.system.TopicPartitions;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.checkoutrelay.schemas.topic.Topics;

/**
 * Reads crm.order.imported.v1 and crm.order.declined.v1 from their end as the importer writes them:
 * for each checkoutId, when it became IMPORTED (the record's create time, set by the importer when it
 * published the result) or DECLINED. Only keys are read; values stay opaque.
 */
public final class OutcomeWatcher implements AutoCloseable {

    /** How a checkout ended and when (epoch ms). */
    public record Outcome(boolean imported, long epochMillis) {
    }

    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public OutcomeWatcher(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = TopicPartitions.of(consumer, List.of(Topics.ORDER_IMPORTED.name(), Topics.ORDER_DECLINED.name()));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::loop, "outcome-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() != null) {
                        boolean imported = record.topic().equals(Topics.ORDER_IMPORTED.name());
                        outcomes.putIfAbsent(record.key(), new Outcome(imported, record.timestamp()));
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException stopping) {
            // closed
        } finally {
            consumer.close();
        }
    }

    public Outcome outcome(String checkoutId) {
        return outcomes.get(checkoutId);
    }

    /** Waits until every one of {@code checkoutIds} has an outcome or the time is up; returns how many have one. */
    public int awaitOutcomes(Collection<String> checkoutIds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int done = (int) checkoutIds.stream().filter(outcomes::containsKey).count();
            if (done == checkoutIds.size() || System.nanoTime() > deadline) {
                return done;
            }
            Thread.sleep(250);
        }
    }

    /** Of {@code checkoutIds}, how many were imported with a create time in [from, to). */
    public long importedBetween(Collection<String> checkoutIds, long from, long to) {
        return checkoutIds.stream().map(outcomes::get)
                .filter(o -> o != null && o.imported() && o.epochMillis() >= from && o.epochMillis() < to).count();
    }

    public long declined(Collection<String> checkoutIds) {
        return checkoutIds.stream().map(outcomes::get).filter(o -> o != null && !o.imported()).count();
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
    }
}
