package io.checkoutrelay.enricher.support;

import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import io.checkoutrelay.schemas.topic.TopicProvisioner;
import io.checkoutrelay.schemas.topic.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What tests need besides the service: its topics (provisioned, as in production) and producers. */
public final class KafkaTestClients {

    private KafkaTestClients() {
    }

    /**
     * The enricher's topics, its input and what it writes, provisioned as the topics command does (the
     * service never creates them); on {@code RealInfrastructure}'s broker they exist already and are checked.
     */
    public static void provisionTopics(String bootstrap) {
        TopicProvisioner.provisionLocally(Map.of("bootstrap.servers", bootstrap));
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
