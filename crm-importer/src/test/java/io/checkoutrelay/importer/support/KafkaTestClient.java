package io.checkoutrelay.importer.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.schemas.serde.RelaySerdes;

/** Produces input records and collects output records, as a test sees the topics. */
public final class KafkaTestClient implements AutoCloseable {

    private final Infrastructure infra;
    private final KafkaProducer<String, Object> producer;
    private final List<Collector> collectors = new ArrayList<>();

    public KafkaTestClient(Infrastructure infra) {
        this.infra = infra;
        Map<String, Object> configs = RelaySerdes.producerConfigs(infra.registryUrl());
        configs.put("bootstrap.servers", infra.bootstrapServers());
        configs.put("acks", "all");
        this.producer = new KafkaProducer<>(configs);
    }

    public void send(String topic, String key, Object value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void sendAll(String topic, List<Map.Entry<String, Object>> records) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        records.forEach(record -> sent.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue()))));
        sent.forEach(future -> {
            try {
                future.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public void sendBytes(String topic, String key, byte[] value) {
        Properties props = new Properties();
        props.put("bootstrap.servers", infra.bootstrapServers());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props)) {
            raw.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A raw record written to one partition with its own timestamp (e.g. as an older writer left it). */
    public void sendBytes(String topic, int partition, long timestamp, String key, byte[] value) {
        Properties props = new Properties();
        props.put("bootstrap.servers", infra.bootstrapServers());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props)) {
            raw.send(new ProducerRecord<>(topic, partition, timestamp, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a topic from its beginning in the background; values decoded as Avro unless {@code raw}. */
    public Collector collect(String topic, boolean raw) {
        Collector collector = new Collector(topic, raw);
        collectors.add(collector);
        return collector;
    }

    @Override
    public void close() {
        collectors.forEach(Collector::close);
        producer.close();
    }

    /** Every record of one topic seen so far. */
    public final class Collector implements AutoCloseable {

        private final List<ConsumerRecord<String, Object>> records = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        Collector(String topic, boolean raw) {
            Map<String, Object> configs = raw ? new HashMap<>() : RelaySerdes.consumerConfigs(infra.registryUrl());
            configs.put("bootstrap.servers", infra.bootstrapServers());
            configs.put("key.deserializer", StringDeserializer.class.getName());
            // as downstream reads: only committed transactions
            configs.put("isolation.level", "read_committed");
            if (raw) {
                configs.put("value.deserializer", ByteArrayDeserializer.class.getName());
            }
            thread = new Thread(() -> {
                try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(configs)) {
                    List<TopicPartition> partitions = new ArrayList<>();
                    while (partitions.isEmpty() && running) {
                        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    while (running) {
                        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                    }
                }
            }, "collect-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        public List<ConsumerRecord<String, Object>> matching(Predicate<ConsumerRecord<String, Object>> filter) {
            return records.stream().filter(filter).toList();
        }

        public <T> List<T> values(Class<T> type, Predicate<T> filter) {
            return records.stream().map(ConsumerRecord::value).filter(type::isInstance).map(type::cast)
                    .filter(filter).toList();
        }

        /** Waits until at least {@code count} values match, then returns them. */
        public <T> List<T> await(Class<T> type, Predicate<T> filter, int count, Duration timeout) {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .until(() -> values(type, filter).size() >= count);
            return values(type, filter);
        }

        @Override
        public void close() {
            running = false;
        }
    }
}
