package io.checkoutrelay.systemtests;

import static io.checkoutrelay.systemtests.Checkouts.checkoutId;
import static io.checkoutrelay.systemtests.Checkouts.newOrderReference;
import static io.checkoutrelay.systemtests.Checkouts.order;
import static io.checkoutrelay.systemtests.Checkouts.token;
import static io.checkoutrelay.systemtests.Checkouts.upsell;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutrelay.localstack.system.SystemOptions;
import io.checkoutrelay.localstack.system.WholeSystem;
import io.checkoutrelay.schemas.topic.TopicSpec;
import io.checkoutrelay.schemas.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 4, start in any order: on an empty broker the importer starts first (its input topic
 * does not exist yet), then the enricher, then the intake, and only then are the topics provisioned
 * (the Helm Job may well finish last); none creates a topic, each waits for what it reads and writes, not
 * ready meanwhile and saying which topics it waits for, and checkouts then go all the way to IMPORTED. Before the keyed-consumer engine, the
 * importer's loop ended for good here and the pod stayed "healthy".
 */
class StartOrderTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void importerFirstThenEnricherThenIntakeOnAnEmptyBrokerAndCheckoutsAreImported() throws Exception {
        try (WholeSystem system = WholeSystem.startSupporting(SystemOptions.builder(repositoryRoot(), tempDir())
                .tokenKeyId("start-order").serviceSetting("INTAKE_RATELIMIT_ENABLED", "false")
                .provisionTopics(false).build())) {
            system.startService(WholeSystem.IMPORTER, java.util.Map.of());
            String importer = system.serviceUrl(WholeSystem.IMPORTER);
            Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20))
                    .until(() -> status(importer + "/actuator/health/readiness") == 503);
            assertThat(status(importer + "/actuator/health/liveness")).isEqualTo(200);

            system.startService(WholeSystem.ENRICHER, java.util.Map.of());
            system.startService(WholeSystem.INTAKE, java.util.Map.of());
            // no service creates a topic: each waits, unready, naming the topics it writes and the command
            String enricher = system.serviceUrl(WholeSystem.ENRICHER);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> body(enricher + "/actuator/health/readiness")
                    .contains("\"missingTopics\""));
            assertThat(body(enricher + "/actuator/health/readiness")).contains(Topics.PROFILE_ENRICHER_OUTPUTS.stream()
                    .map(topic -> "\"" + topic.name() + "\"").toArray(String[]::new));
            assertThat(body(importer + "/actuator/health/readiness")).contains("\"missingTopics\"",
                    "\"" + Topics.ORDER_IMPORTED.name() + "\"", "\"" + Topics.IMPORTER_LEDGER.name() + "\"");
            for (String service : WholeSystem.SERVICES) {
                String url = system.serviceUrl(service) + "/actuator/health/readiness";
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> status(url) == 503
                        && Files.readString(system.serviceLog(service)).contains(service + " is not ready: waiting for topics"));
                assertThat(Files.readString(system.serviceLog(service))).contains("topics.jar create");
            }
            assertThat(topicNames(system)).as("topics created by a service")
                    .doesNotContainAnyElementsOf(Topics.all().stream().map(TopicSpec::name).toList());
            // the provisioning Job runs last, as it may in a cluster where everything starts together
            system.provisionTopics();
            Awaitility.await().atMost(Duration.ofSeconds(90))
                    .until(() -> status(importer + "/actuator/health/readiness") == 200
                            && status(system.serviceUrl(WholeSystem.ENRICHER) + "/actuator/health/readiness") == 200);

            Lander lander = new Lander(system.serviceUrl(WholeSystem.INTAKE));
            List<String> checkouts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String reference = newOrderReference();
                Lander.Reply accepted = lander.postCheckout(order(reference, token(""), 101));
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
                String checkoutId = checkoutId(reference);
                assertThat(lander.postUpsell(checkoutId, upsell(newOrderReference(), token(""), 205)).status())
                        .isEqualTo(202);
                checkouts.add(checkoutId);
            }
            for (String checkoutId : checkouts) {
                JsonNode status = lander.awaitFinal(checkoutId, Duration.ofSeconds(120));
                assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("IMPORTED");
                assertThat(status.path("upsells").path(0).path("status").asText()).as(status.toString())
                        .isEqualTo("IMPORTED");
            }
        }
    }

    private static java.util.Set<String> topicNames(WholeSystem system) throws Exception {
        try (Admin admin = Admin.create(system.broker().adminConfigs())) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private String body(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static Path repositoryRoot() {
        Path moduleDir = Path.of("").toAbsolutePath();
        return moduleDir.getFileName().toString().equals("system-tests") ? moduleDir.getParent() : moduleDir;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("checkout-relay-start-order-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
