package io.checkoutrelay.observability.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** A service started before its topics exist is not ready, says which topics it waits for, and becomes ready once they exist. */
@ExtendWith(RealInfrastructure.class)
class TopicsReadinessTest {

    @Test
    void outOfServiceNamingTheMissingTopicsUntilTheyExist(Infrastructure infra) throws Exception {
        String present = "checkout.status.v1"; // provisioned with every declared topic
        String missing = "readiness-test-" + UUID.randomUUID();
        Map<String, Object> admin = Map.of("bootstrap.servers", infra.bootstrapServers());
        try (TopicsReadinessCloser readiness = new TopicsReadinessCloser(
                new TopicsReadiness(admin, List.of(present, missing), "a-service", Clock.systemUTC()))) {

            Health waiting = readiness.get().health();
            assertThat(waiting.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(waiting.getDetails()).containsEntry("missingTopics", List.of(missing));

            try (Admin client = Admin.create(admin)) {
                client.createTopics(List.of(new NewTopic(missing, 1, (short) 1))).all().get();
            }
            Health ready = readiness.get().health();
            assertThat(ready.getStatus()).isEqualTo(Status.UP);
            assertThat(ready.getDetails()).containsEntry("topics", List.of(present, missing));
        }
    }

    @Test
    void aBrokerThatCannotBeReachedIsNotReadyWithTheReason() {
        Map<String, Object> admin = Map.of("bootstrap.servers", "127.0.0.1:1");
        try (TopicsReadinessCloser readiness = new TopicsReadinessCloser(
                new TopicsReadiness(admin, List.of("checkout.status.v1"), "a-service", Clock.systemUTC()))) {

            Health health = readiness.get().health();

            assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.getDetails()).containsKey("error");
        }
    }

    private record TopicsReadinessCloser(TopicsReadiness get) implements AutoCloseable {
        @Override
        public void close() {
            get.destroy();
        }
    }
}
