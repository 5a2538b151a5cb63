package io.checkoutrelay.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.intake.support.Checkouts;
import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.intake.support.SharedIntake;
import io.checkoutrelay.intake.support.Topic;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import io.checkoutrelay.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The buyer's access token never appears in plain text: not in the topics' bytes, logs, error bodies or metrics. */
@ExtendWith({RealInfrastructure.class, SharedIntake.class, OutputCaptureExtension.class})
class TokenSecrecyTest {

    private static final List<String> CHATTY_LOGGERS = List.of("io.checkoutrelay", "org.springframework.web",
            "org.springframework.kafka", "org.apache.kafka.clients.producer");

    @Test
    void tokenIsOnlyEverEncrypted(SharedIntake.Instance shared, CapturedOutput output) {
        RunningIntake intake = shared.intake();
        String secret = "SECRET" + UUID.randomUUID().toString().replace("-", "");
        String token = "Atza|IwEB" + secret;
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        CHATTY_LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
        List<String> bodies = new ArrayList<>();
        try {
            String reference = Checkouts.newOrderReferenceId();
            String checkoutId = CheckoutIds.checkoutId(reference);
            var accepted = intake.postJson("/v1/checkouts", Checkouts.order(reference, token));
            assertThat(accepted.statusCode()).isEqualTo(202);
            bodies.add(accepted.body());
            bodies.add(intake.postJson("/v1/checkouts", Checkouts.order(reference, token)).body());
            bodies.add(intake.postJson("/v1/checkouts/" + checkoutId + "/upsells",
                    Checkouts.upsell(Checkouts.newOrderReferenceId()).replace(Checkouts.TOKEN, token)).body());
            // refused requests that carry the token: a bad token shape, a bad other field, broken JSON
            bodies.add(intake.postJson("/v1/checkouts", Checkouts.order(Checkouts.newOrderReferenceId(), token + " x")).body());
            bodies.add(intake.postJson("/v1/checkouts", Checkouts.order("bad-reference", token)).body());
            bodies.add(intake.postJson("/v1/checkouts", Checkouts.order(Checkouts.newOrderReferenceId(), token)
                    .replace("\"campaignId\": 12", "\"campaignId\": 12,,")).body());
            bodies.add(intake.postJson("/v1/checkouts", "{\"amazon\": {\"accessToken\": \"" + token + "\"").body());
            bodies.add(intake.get("/v1/checkouts/" + checkoutId).body());
            bodies.add(intake.get("/actuator/prometheus").body());
            bodies.add(intake.get("/actuator/metrics").body());
        } finally {
            CHATTY_LOGGERS.forEach(name -> logging.setLogLevel(name, null));
        }

        assertThat(bodies).noneMatch(body -> body.contains(secret));
        assertThat(output.getAll()).doesNotContain(secret);
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        for (String topic : List.of(Topics.CHECKOUT_CAPTURED.name(), Topics.CHECKOUT_STATUS.name())) {
            List<ConsumerRecord<byte[], byte[]>> records = Topic.rawRecords(shared.infra(), topic);
            assertThat(records).isNotEmpty();
            assertThat(records).noneMatch(r -> contains(r.value(), needle) || contains(r.key(), needle));
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
