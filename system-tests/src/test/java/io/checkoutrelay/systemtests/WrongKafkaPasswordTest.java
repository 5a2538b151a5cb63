package io.checkoutrelay.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.localstack.security.KafkaUser;
import io.checkoutrelay.localstack.system.SystemOptions;
import io.checkoutrelay.localstack.system.WholeSystem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: on a secured broker, a service given a wrong Kafka password is alive but not ready, and its
 * log says why (the broker refused the login) without the password in it.
 */
class WrongKafkaPasswordTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aServiceWithAWrongPasswordIsNotReadyAndItsLogSaysWhyWithoutTheSecret() throws Exception {
        Path work = Files.createTempDirectory("checkout-relay-wrong-password-");
        try (WholeSystem system = WholeSystem.startSupporting(SystemOptions.builder(repositoryRoot(), work)
                .tokenKeyId("wrong-password").securedBroker(true).build())) {
            String wrongPassword = "wrong-" + UUID.randomUUID();
            for (String service : List.of(WholeSystem.INTAKE, WholeSystem.IMPORTER)) {
                system.startService(service, Map.of("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                        new KafkaUser(service, wrongPassword).jaasConfig()));
            }
            for (String service : List.of(WholeSystem.INTAKE, WholeSystem.IMPORTER)) {
                Path log = work.resolve(service).resolve(service + ".log");
                Awaitility.await(service + " logs the refused login").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> Files.readString(log).contains("Authentication failed"));
                String url = system.serviceUrl(service);
                assertThat(status(url + "/actuator/health/readiness")).as(service + " readiness").isEqualTo(503);
                assertThat(status(url + "/actuator/health/liveness")).as(service + " liveness").isEqualTo(200);
                assertThat(Files.readString(log)).as(service + " log").contains("SCRAM-SHA-512")
                        .doesNotContain(wrongPassword);
            }
        }
    }

    private int status(String url) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return here.getFileName().toString().equals("system-tests") ? here.getParent() : here;
    }
}
