package io.checkoutrelay.intake.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.checkoutrelay.intake.support.Checkouts;
import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.intake.support.SharedIntake;
import io.checkoutrelay.intake.support.Topic;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import io.checkoutrelay.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** At least 200 malformed or hostile requests: each gets a 4xx problem response and nothing is published. */
@ExtendWith({RealInfrastructure.class, SharedIntake.class})
class HostileRequestCorpusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyHostileRequestIsRefusedWithAProblemAndNothingIsPublished(SharedIntake.Instance shared) {
        RunningIntake intake = shared.intake();
        String orderReference = Checkouts.newOrderReferenceId();
        String checkoutId = CheckoutIds.checkoutId(orderReference);
        assertThat(intake.postJson("/v1/checkouts", Checkouts.order(orderReference)).statusCode()).isEqualTo(202);
        // its ACCEPTED status follows the 202: let it land before the topics are measured
        await().atMost(Duration.ofSeconds(10)).until(() -> !Topic.recordsWithKey(shared.infra(),
                Topics.CHECKOUT_STATUS.name(), checkoutId).isEmpty());
        List<HostileRequests.Case> corpus = new ArrayList<>(HostileRequests.orders(Checkouts.newOrderReferenceId(), Checkouts.TOKEN));
        corpus.addAll(HostileRequests.upsells(checkoutId, Checkouts.newOrderReferenceId(), Checkouts.TOKEN));
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        long capturedBefore = Topic.endOffsetSum(shared.infra(), Topics.CHECKOUT_CAPTURED.name());
        long statusBefore = Topic.endOffsetSum(shared.infra(), Topics.CHECKOUT_STATUS.name());

        List<String> failures = new ArrayList<>();
        for (HostileRequests.Case c : corpus) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(intake.url(c.path())))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
            if (c.contentType() != null) {
                request.header("Content-Type", c.contentType());
            }
            HttpResponse<String> response = intake.send(request);
            String problem = problemViolation(c, response);
            if (problem != null) {
                failures.add(c.name() + ": " + problem);
            }
        }

        assertThat(failures).as("cases answered wrongly").isEmpty();
        assertThat(Topic.endOffsetSum(shared.infra(), Topics.CHECKOUT_CAPTURED.name())).isEqualTo(capturedBefore);
        assertThat(Topic.endOffsetSum(shared.infra(), Topics.CHECKOUT_STATUS.name())).isEqualTo(statusBefore);
        // and the service is unharmed
        assertThat(intake.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(intake.postJson("/v1/checkouts", Checkouts.order(Checkouts.newOrderReferenceId())).statusCode())
                .isEqualTo(202);
    }

    private static String problemViolation(HostileRequests.Case c, HttpResponse<String> response) {
        if (response.statusCode() != c.status()) {
            return "status " + response.statusCode() + " instead of " + c.status() + " " + response.body();
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return "content type " + response.headers().firstValue("Content-Type");
        }
        JsonNode body = JSON.readTree(response.body());
        if (body.path("status").asInt() != c.status() || body.path("title").asString().isEmpty()) {
            return "not a problem body: " + response.body();
        }
        if (c.field() != null && body.path("errors").valueStream().noneMatch(e -> c.field().equals(e.path("field").asString()))) {
            return "field " + c.field() + " not named: " + response.body();
        }
        if (response.body().contains(Checkouts.TOKEN)) {
            return "the access token is echoed";
        }
        return null;
    }
}
