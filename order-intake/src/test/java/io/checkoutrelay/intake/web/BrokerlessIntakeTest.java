package io.checkoutrelay.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.intake.support.Checkouts;
import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An intake whose broker cannot be reached (503, bounded) and with a tight per-client rate limit
 * behind a trusted proxy (429 with Retry-After; X-Forwarded-For believed only from that proxy).
 */
@ExtendWith(RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerlessIntakeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RunningIntake intake;

    @BeforeAll
    void start(Infrastructure infra) {
        Map<String, String> settings = RunningIntake.settings(infra, RunningIntake.newTokenKeys());
        settings.put("spring.kafka.bootstrap-servers", "127.0.0.1:" + FreePort.pick());
        settings.put("spring.kafka.admin.operation-timeout", "1s");
        settings.put("spring.kafka.admin.close-timeout", "1s");
        settings.put("intake.publish.timeout", "2s");
        settings.put("intake.publish.max-block", "1s");
        settings.put("intake.rate-limit.enabled", "true");
        settings.put("intake.rate-limit.requests-per-second", "0.5");
        settings.put("intake.rate-limit.burst", "3");
        settings.put("intake.trusted-proxies", "127.0.0.1,10.0.0.0/8");
        intake = RunningIntake.start(settings, "/actuator/health/liveness");
    }

    @AfterAll
    void stop() {
        intake.close();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void checkoutThatCannotBeMadeDurableIs503WithinTheBound(CapturedOutput output) {
        long start = System.nanoTime();
        HttpResponse<String> response = intake.send(post("198.51.100.1", Checkouts.order(Checkouts.newOrderReferenceId())));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(took).isLessThan(Duration.ofSeconds(6));
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asString()).contains("nothing was accepted");
        // not remembered as accepted either: a retry is a new submission, not a 200 duplicate
        assertThat(intake.send(post("198.51.100.1", Checkouts.order(Checkouts.newOrderReferenceId()))).statusCode())
                .isEqualTo(503);
        // the failure is logged by checkoutId, never as the whole record with its encrypted token
        assertThat(output.getAll()).contains("not made durable in time").doesNotContain("ciphertext")
                .doesNotContain("accessToken").doesNotContain(Checkouts.TOKEN);
    }

    @Test
    void clientOverItsBudgetGets429WithRetryAfterWhileOthersGoOn() {
        String unknown = "/v1/checkouts/" + CheckoutIds.checkoutId("S01-0000000-0000001");
        for (int i = 0; i < 3; i++) {
            assertThat(intake.send(get(unknown, "203.0.113.7")).statusCode()).isEqualTo(404);
        }
        HttpResponse<String> limited = intake.send(get(unknown, "203.0.113.7")
                .header("Origin", RunningIntake.ALLOWED_ORIGIN));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After").map(Integer::parseInt)).hasValueSatisfying(
                seconds -> assertThat(seconds).isBetween(1, 3));
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(limited.body()).path("status").asInt()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Access-Control-Allow-Origin")).hasValue(RunningIntake.ALLOWED_ORIGIN);
        // a POST of the limited client is refused before anything else happens
        assertThat(intake.send(post("203.0.113.7", Checkouts.order(Checkouts.newOrderReferenceId()))).statusCode())
                .isEqualTo(429);
        // another client behind the same trusted proxy has its own budget
        assertThat(intake.send(get(unknown, "203.0.113.8")).statusCode()).isEqualTo(404);
        // a chain through a trusted inner proxy still finds the client
        assertThat(intake.send(get(unknown, "203.0.113.7, 10.1.2.3")).statusCode()).isEqualTo(429);
    }

    private HttpRequest.Builder get(String path, String forwardedFor) {
        return HttpRequest.newBuilder(URI.create(intake.url(path))).header("X-Forwarded-For", forwardedFor).GET();
    }

    private HttpRequest.Builder post(String forwardedFor, String body) {
        return HttpRequest.newBuilder(URI.create(intake.url("/v1/checkouts"))).header("X-Forwarded-For", forwardedFor)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
