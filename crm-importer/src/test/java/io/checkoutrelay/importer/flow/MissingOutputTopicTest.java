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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.checkoutrelay.importer.support.KafkaTestClient;
import io.checkoutrelay.importer.support.RunningImporter;
import io.checkoutrelay.importer.support.RunningSandbox;
import io.checkoutrelay.importer.support.SandboxCrm;
import io.checkoutrelay.importer.support.TestCheckouts;
import io.checkoutrelay.importer.support.TestCheckouts.Checkout;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.OrderImported;
import io.checkoutrelay.schemas.topic.TopicSpec;
import io.checkoutrelay.schemas.topic.Topics;

/**
 * Issue 13: services never create topics. An importer whose input exists but one of the topics it
 * writes does not (here its dead-letter topic) creates nothing, takes no record (so calls no CRM), is
 * not ready with a readiness answer and a log line naming the missing topic and the command that
 * creates it, and imports once the topic is provisioned.
 */
@ExtendWith({RealInfrastructure.class, RunningSandbox.class, OutputCaptureExtension.class})
class MissingOutputTopicTest {

    @Test
    void startedWithAnOutputTopicMissingItCreatesNothingTakesNoRecordAndIsReadyOnceTheTopicIsProvisioned(
            Infrastructure infra, SandboxCrm sandbox, CapturedOutput log) throws Exception {
        String input = "no-dlt-" + UUID.randomUUID().toString().substring(0, 8) + ".checkout.enriched.v1";
        String deadLetters = input + ".dlt";
        TopicSpec deadLetterTopic = RunningImporter.ownOutputs(input).stream()
                .filter(topic -> topic.name().equals(deadLetters)).findFirst().orElseThrow();
        RunningImporter.provision(infra, List.of(RunningImporter.inputTopic(input),
                Topics.IMPORTER_LEDGER.named(RunningImporter.ledger(input))), 3);
        Checkout checkout = newCheckout();
        String sessionId = "s-" + checkout.checkoutId().substring(0, 8);
        try (KafkaTestClient kafka = new KafkaTestClient(infra)) {
            kafka.send(input, checkout.checkoutId(), new TestCheckouts().order(checkout, 1, List.of(line(101, 1, "19.95"))));
            KafkaTestClient.Collector imported = kafka.collect(Topics.ORDER_IMPORTED.name(), false);

            try (RunningImporter importer = RunningImporter.start(RunningImporter.settings(infra, sandbox, input))) {
                String base = "http://127.0.0.1:" + importer.context().getEnvironment().getProperty("local.server.port");
                HttpClient http = HttpClient.newHttpClient();
                Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
                        .until(() -> get(http, base + "/actuator/health/readiness").statusCode() == 503);
                HttpResponse<String> readiness = get(http, base + "/actuator/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(readiness.body()).contains("\"missingTopics\":[\"" + deadLetters + "\"]");
                assertThat(get(http, base + "/actuator/health/liveness").statusCode()).isEqualTo(200);
                assertThat(log.getOut()).contains("crm-importer is not ready: waiting for topics " + deadLetters
                        + " to be created", "topics.jar create");

                assertThat(topicNames(infra)).as("the importer creates no topic").doesNotContain(deadLetters);
                assertThat(sandbox.calls("leads/import", "sessionId", sessionId)).as("no CRM call").isEmpty();
                assertThat(imported.values(OrderImported.class, r -> r.getCheckoutId().equals(checkout.checkoutId())))
                        .isEmpty();

                RunningImporter.provision(infra, List.of(deadLetterTopic), 3);

                imported.await(OrderImported.class, r -> r.getCheckoutId().equals(checkout.checkoutId()), 1,
                        Duration.ofSeconds(60));
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> get(http, base + "/actuator/health/readiness").statusCode() == 200);
            }
        }
    }

    private static Set<String> topicNames(Infrastructure infra) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
