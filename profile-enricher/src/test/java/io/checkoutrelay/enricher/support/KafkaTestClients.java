package io.checkoutrelay.enricher.support;

import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import io.checkoutrelay.schemas.topic.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What tests need besides the service: the input topic (tests create what they read... and write) and producers. */
public final class KafkaTestClients {

    private KafkaTestClients() {
    }

    public static void createInputTopic(String bootstrap) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(Topics.CHECKOUT_CAPTURED.name(),
                    Optional.of(Topics.DEFAULT_PARTITIONS), Optional.empty())
                    .configs(Topics.CHECKOUT_CAPTURED.configs()))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Producer<String, Object> capturedProducer(Infrastructure infra) {
        Map<String, Object> configs = new HashMap<>(RelaySerdes.producerConfigs(infra.registryUrl()));
        configs.put("bootstrap.servers", infra.bootstrapServers());
        configs.put("acks", "all");
        return new KafkaProducer<>(configs);
    }

    public static Producer<String, byte[]> rawProducer(Infrastructure infra) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("bootstrap.servers", infra.bootstrapServers());
        configs.put("key.serializer", StringSerializer.class.getName());
        configs.put("value.serializer", ByteArraySerializer.class.getName());
        return new KafkaProducer<>(configs);
    }

    public static void send(Producer<String, Object> producer, AmazonCheckoutCaptured captured) {
        send(producer, captured, null);
    }

    public static void send(Producer<String, Object> producer, AmazonCheckoutCaptured captured, Integer partition) {
        try {
            producer.send(new ProducerRecord<>(Topics.CHECKOUT_CAPTURED.name(), partition, captured.getCheckoutId(),
                    captured)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
