package io.checkoutrelay.enricher.support;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads every topic the enricher writes, from the beginning, in the background. */
public final class OutputCollector implements AutoCloseable {

    public static final String DLT = Topics.CHECKOUT_CAPTURED.deadLetter().name();

    private final List<Output> outputs = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroKafkaDeserializer<Object> avro = new AvroKafkaDeserializer<>();
    private final Thread thread;
    private volatile boolean running = true;

    public OutputCollector(Infrastructure infra) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("bootstrap.servers", infra.bootstrapServers());
        configs.put("group.id", "test-collector-" + UUID.randomUUID());
        configs.put("auto.offset.reset", "earliest");
        configs.put("metadata.max.age.ms", 1000);
        configs.put("key.deserializer", StringDeserializer.class.getName());
        configs.put("value.deserializer", ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(configs);
        avro.configure(RelaySerdes.consumerConfigs(infra.registryUrl()), false);
        consumer.subscribe(List.of(Topics.CHECKOUT_ENRICHED.name(), Topics.ORDER_DECLINED.name(),
                Topics.CHECKOUT_STATUS.name(), DLT));
        thread = new Thread(this::run, "output-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Object value = record.topic().equals(DLT) || record.value() == null ? null
                            : readable(record);
                    outputs.add(new Output(record.topic(), record.key(), record.partition(), record.offset(),
                            record.value(), value, record.headers(), System.nanoTime()));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Null when it cannot be read now: another test's record while a test has the registry stopped. */
    private Object readable(ConsumerRecord<String, byte[]> record) {
        try {
            return avro.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException registryStopped) {
            return null;
        }
    }

    public List<Output> all() {
        return List.copyOf(outputs);
    }

    public List<Output> of(String checkoutId) {
        return outputs.stream().filter(o -> checkoutId.equals(o.checkoutId())).toList();
    }

    public List<Output> of(String checkoutId, String topic) {
        return of(checkoutId).stream().filter(o -> o.topic().equals(topic)).toList();
    }

    /** Waits until an output of the checkout on that topic matches, and returns it. */
    public Output await(String checkoutId, String topic, Predicate<Output> matching, Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> of(checkoutId, topic).stream().filter(matching).findFirst().orElse(null),
                        found -> found != null);
    }

    public Output await(String checkoutId, String topic, Duration timeout) {
        return await(checkoutId, topic, o -> true, timeout);
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
