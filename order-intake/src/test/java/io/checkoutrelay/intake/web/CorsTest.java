package io.checkoutrelay.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.intake.support.Checkouts;
import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.intake.support.SharedIntake;
import io.checkoutrelay.intake.support.Topic;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import io.checkoutrelay.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Only the landers of INTAKE_ALLOWED_ORIGINS may call the API from a browser. */
@ExtendWith({RealInfrastructure.class, SharedIntake.class})
class CorsTest {

    private static final String EVIL = "https://evil.example";

    @Test
    void preflightOfAnAllowedLanderIsAnsweredAndOthersAreRefused(SharedIntake.Instance shared) {
        RunningIntake intake = shared.intake();
        HttpResponse<String> allowed = intake.send(preflight(intake, RunningIntake.ALLOWED_ORIGIN));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(RunningIntake.ALLOWED_ORIGIN);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                m -> assertThat(m).contains("POST"));
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        HttpResponse<String> refused = intake.send(preflight(intake, EVIL));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void postFromAnAllowedLanderIsAcceptedAndFromAnotherOriginRefusedUnpublished(SharedIntake.Instance shared) {
        RunningIntake intake = shared.intake();
        String reference = Checkouts.newOrderReferenceId();
        HttpResponse<String> evil = intake.send(post(intake, EVIL, reference));
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(Topic.recordsWithKey(shared.infra(), Topics.CHECKOUT_CAPTURED.name(), CheckoutIds.checkoutId(reference)))
                .isEmpty();

        HttpResponse<String> lander = intake.send(post(intake, RunningIntake.ALLOWED_ORIGIN, reference));
        assertThat(lander.statusCode()).isEqualTo(202);
        assertThat(lander.headers().firstValue("Access-Control-Allow-Origin")).hasValue(RunningIntake.ALLOWED_ORIGIN);
        assertThat(lander.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                h -> assertThat(h).contains("Location"));
        List<AmazonCheckoutCaptured> captured = Topic.recordsWithKey(shared.infra(), Topics.CHECKOUT_CAPTURED.name(),
                CheckoutIds.checkoutId(reference));
        assertThat(captured).extracting(AmazonCheckoutCaptured::getLanderOrigin).containsExactly(RunningIntake.ALLOWED_ORIGIN);
    }

    private static HttpRequest.Builder preflight(RunningIntake intake, String origin) {
        return HttpRequest.newBuilder(URI.create(intake.url("/v1/checkouts")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type");
    }

    private static HttpRequest.Builder post(RunningIntake intake, String origin, String reference) {
        return HttpRequest.newBuilder(URI.create(intake.url("/v1/checkouts"))).header("Origin", origin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Checkouts.order(reference)));
    }
}
