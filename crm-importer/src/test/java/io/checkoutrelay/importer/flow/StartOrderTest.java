package io.checkoutrelay.importer.flow;

import static io.checkoutrelay.importer.support.TestCheckouts.line;
import static io.checkoutrelay.importer.support.TestCheckouts.newCheckout;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.checkoutrelay.importer.support.KafkaTestClient;
import io.checkoutrelay.importer.support.RunningImporter;
import io.checkoutrelay.importer.support.RunningSandbox;
import io.checkoutrelay.importer.support.SandboxCrm;
import io.checkoutrelay.importer.support.TestCheckouts;
import io.checkoutrelay.importer.support.TestCheckouts.Checkout;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.OrderImported;
import io.checkoutrelay.schemas.topic.Topics;

/**
 * Issue 12 problem 2: an importer started before its input topic exists (the enricher not deployed yet,
 * topics not provisioned) used to end its loop for good and stay "healthy". It must wait, unready, and
 * import once the topic is there.
 */
@ExtendWith({RealInfrastructure.class, RunningSandbox.class})
class StartOrderTest {

    @Test
    void startedBeforeItsInputTopicExistsItWaitsUnreadyAndImportsOnceTheTopicIsCreated(Infrastructure infra,
            SandboxCrm sandbox) throws Exception {
        String input = "late-" + UUID.randomUUID().toString().substring(0, 8) + ".checkout.enriched.v1";
        RunningImporter.provision(infra, RunningImporter.ownOutputs(input), 3); // what it writes exists: ledger, dead letters
        try (KafkaTestClient kafka = new KafkaTestClient(infra);
             RunningImporter importer = RunningImporter.start(RunningImporter.settings(infra, sandbox, input))) {
            String base = "http://127.0.0.1:" + importer.context().getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> status(http, base + "/actuator/health/readiness") == 503);
            assertThat(status(http, base + "/actuator/health/liveness")).isEqualTo(200);

            RunningImporter.provision(infra, List.of(RunningImporter.inputTopic(input)), 3);
            KafkaTestClient.Collector imported = kafka.collect(Topics.ORDER_IMPORTED.name(), false);
            Checkout checkout = newCheckout();
            kafka.send(input, checkout.checkoutId(), new TestCheckouts().order(checkout, 1, List.of(line(101, 1, "19.95"))));

            List<OrderImported> orders = imported.await(OrderImported.class,
                    r -> r.getCheckoutId().equals(checkout.checkoutId()), 1, Duration.ofSeconds(60));
            assertThat(orders).hasSize(1);
            assertThat(status(http, base + "/actuator/health/readiness")).isEqualTo(200);
        }
    }

    private static int status(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
