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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline on a broker secured as managed clusters are (SASL_SSL, SCRAM-SHA-512, standard
 * authorizer), each service logging in as its own principal with ACLs on only its own topics and group,
 * given to it only through Spring Boot's SPRING_KAFKA_* settings.
 */
class SecuredBrokerJourneyTest {

    private static final Duration FINAL_WITHIN = Duration.ofSeconds(90);
    private static WholeSystem system;

    @BeforeAll
    static void startOnASecuredBroker() throws Exception {
        Path root = Path.of("").toAbsolutePath().getFileName().toString().equals("system-tests")
                ? Path.of("").toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
        system = WholeSystem.start(SystemOptions.builder(root, Files.createTempDirectory("checkout-relay-secured-"))
                .tokenKeyId("system-test")
                .securedBroker(true)
                .serviceSetting("INTAKE_RATELIMIT_ENABLED", "false")
                .build());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anOrderAndItsUpsellBecomeOneCrmOrder() {
        Lander lander = new Lander(system.serviceUrl(WholeSystem.INTAKE));
        String reference = newOrderReference();
        String checkoutId = checkoutId(reference);

        assertThat(lander.postCheckout(order(reference, token(""), 101)).status()).isEqualTo(202);
        assertThat(lander.postUpsell(checkoutId, upsell(newOrderReference(), token(""), 205)).status()).isEqualTo(202);
        JsonNode status = lander.awaitFinal(checkoutId, FINAL_WITHIN);

        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("IMPORTED");
        assertThat(status.path("upsells").path(0).path("status").asText()).as(status.toString()).isEqualTo("IMPORTED");
        assertThat(new Sandbox(system.sandboxUrl()).ordersPaidWith(reference)).hasSize(1);
    }

    @Test
    void aDeclinedCardIsDeclinedForTheBuyerToFix() {
        Lander lander = new Lander(system.serviceUrl(WholeSystem.INTAKE));
        String reference = newOrderReference();
        // product 9011: the sandbox CRM refuses the first card with InvalidPaymentMethod
        assertThat(lander.postCheckout(order(reference, token(""), 101, 9011)).status()).isEqualTo(202);

        JsonNode declined = lander.awaitFinal(checkoutId(reference), FINAL_WITHIN);

        assertThat(declined.path("status").asText()).as(declined.toString()).isEqualTo("DECLINED");
        assertThat(declined.path("decline").path("class").asText()).isEqualTo("CUSTOMER_ACTION");
    }
}
