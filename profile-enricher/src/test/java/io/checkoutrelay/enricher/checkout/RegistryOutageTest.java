package io.checkoutrelay.enricher.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.checkoutrelay.enricher.support.AmazonStub;
import io.checkoutrelay.enricher.support.EnricherApp;
import io.checkoutrelay.enricher.support.KafkaTestClients;
import io.checkoutrelay.enricher.support.OutputCollector;
import io.checkoutrelay.enricher.support.TestCheckouts;
import io.checkoutrelay.keyed.KeyedConsumer;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import io.checkoutrelay.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry stops (the real Apicurio process) while checkouts arrive that the enricher has not read a
 * schema for: they are not dead letters and not declines; they wait, the enricher says it is not ready
 * and why, and once the registry is back they are enriched, by themselves.
 */
@ExtendWith(RealInfrastructure.class)
class RegistryOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void checkoutsWaitWhileTheRegistryCannotBeAskedAndAreEnrichedOnceItAnswers(Infrastructure infra) throws Exception {
        List<AmazonCheckoutCaptured> orders = IntStream.range(0, 4)
                .mapToObj(i -> TestCheckouts.order(TestCheckouts.token("outage-" + i))).toList();
        List<byte[]> values = orders.stream().map(order -> serialized(infra, order)).toList(); // as the intake wrote them
        try (AmazonStub amazon = new AmazonStub();
             OutputCollector outputs = new OutputCollector(infra);
             EnricherApp app = EnricherApp.start(EnricherApp.settings(infra, amazon.baseUrl()));
             Producer<String, byte[]> raw = KafkaTestClients.rawProducer(infra)) {
            String readiness = "http://127.0.0.1:" + app.context().getEnvironment().getProperty("local.server.port")
                    + "/actuator/health/readiness";
            assertThat(get(readiness).statusCode()).isEqualTo(200);

            infra.registry().stop();
            try {
                for (int i = 0; i < orders.size(); i++) {
                    raw.send(new ProducerRecord<>(Topics.CHECKOUT_CAPTURED.name(), i % Topics.DEFAULT_PARTITIONS,
                            orders.get(i).getCheckoutId(), values.get(i))).get();
                }
                Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                        .until(() -> get(readiness).statusCode() == 503);
                // what the readiness probe's details (shown to an operator with show-details) say: which registry
                assertThat(app.context().getBean(KeyedConsumer.class).readiness().health().getDetails())
                        .containsEntry("waitingForRegistry", infra.registryUrl());
                Thread.sleep(5000); // the records are tried again meanwhile
                for (AmazonCheckoutCaptured order : orders) {
                    assertThat(outputs.of(order.getCheckoutId())).as("nothing written for a checkout that waits")
                            .isEmpty();
                }
            } finally {
                infra.registry().restart();
            }

            for (AmazonCheckoutCaptured order : orders) {
                outputs.await(order.getCheckoutId(), Topics.CHECKOUT_ENRICHED.name(), WAIT);
                assertThat(outputs.of(order.getCheckoutId(), OutputCollector.DLT)).isEmpty();
                assertThat(outputs.of(order.getCheckoutId(), Topics.ORDER_DECLINED.name())).isEmpty();
            }
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> get(readiness).statusCode() == 200);
        }
    }

    private static byte[] serialized(Infrastructure infra, SpecificRecord value) {
        try (AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>()) {
            serializer.configure(RelaySerdes.producerConfigs(infra.registryUrl()), false);
            return serializer.serialize(Topics.CHECKOUT_CAPTURED.name(), value);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
