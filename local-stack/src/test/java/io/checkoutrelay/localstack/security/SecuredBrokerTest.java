package io.checkoutrelay.localstack.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.KafkaBroker;
import io.checkoutrelay.schemas.topic.TopicProvisioner;
import io.checkoutrelay.schemas.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local broker secured as a managed cluster is: SASL_SSL with SCRAM-SHA-512 over certificates made
 * for the run, the standard authorizer, one principal per service with ACLs on its own topics only.
 */
class SecuredBrokerTest {

    private static BrokerSecurity security;
    private static KafkaBroker broker;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        Path dir = Files.createTempDirectory("checkout-relay-secured-");
        security = BrokerSecurity.make(dir.resolve("tls"), ServiceAcls.SERVICES);
        broker = KafkaBroker.startSecured(dir.resolve("kafka"), FreePort.pick(), FreePort.pick(), security);
        TopicProvisioner.provisionLocally(broker.adminConfigs());
        try (Admin admin = Admin.create(broker.adminConfigs())) {
            ServiceAcls.grant(admin, security, ServiceAcls.SERVICES);
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theIntakesPrincipalWritesItsTopicAndIsDeniedAnother() throws Exception {
        KafkaUser intake = security.user(ServiceAcls.INTAKE);
        try (KafkaProducer<String, String> producer = producer(intake.clientConfigs(broker.bootstrapServers(),
                security.trustStore()))) {
            RecordMetadata written = producer.send(new ProducerRecord<>(Topics.CHECKOUT_CAPTURED.name(), "c1", "v"))
                    .get(60, TimeUnit.SECONDS);
            assertThat(written.topic()).isEqualTo(Topics.CHECKOUT_CAPTURED.name());

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ORDER_IMPORTED.name(), "c1", "v"))
                    .get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class)
                    .cause().hasMessageContaining(Topics.ORDER_IMPORTED.name());
        }
    }

    @Test
    void theIntakesPrincipalSeesOnlyTheTopicsItMayUse() throws Exception {
        KafkaUser intake = security.user(ServiceAcls.INTAKE);
        try (Admin admin = Admin.create(intake.clientConfigs(broker.bootstrapServers(), security.trustStore()))) {
            assertThat(admin.listTopics().names().get(60, TimeUnit.SECONDS))
                    .containsExactlyInAnyOrder(Topics.CHECKOUT_CAPTURED.name(), Topics.CHECKOUT_STATUS.name());
        }
    }

    @Test
    void aWrongPasswordFailsWithAClearMessageThatHoldsNoSecret() {
        KafkaUser real = security.user(ServiceAcls.INTAKE);
        KafkaUser wrong = new KafkaUser(real.name(), "wrong-password-1234");
        Map<String, Object> configs = new HashMap<>(wrong.clientConfigs(broker.bootstrapServers(), security.trustStore()));
        configs.put("default.api.timeout.ms", 20_000);
        configs.put("request.timeout.ms", 10_000);

        try (Admin admin = Admin.create(configs)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class)
                    .satisfies(e -> assertThat(e.getCause().getMessage())
                            .contains("Authentication failed").contains("SCRAM-SHA-512")
                            .doesNotContain("wrong-password-1234").doesNotContain(real.password())
                            .doesNotContain(security.trustStore().password()));
        }
    }

    @Test
    void withoutTlsOrSaslTheBrokerCannotBeUsed() {
        Map<String, Object> plaintext = Map.of("bootstrap.servers", broker.bootstrapServers(),
                "default.api.timeout.ms", 5_000, "request.timeout.ms", 3_000);
        try (Admin admin = Admin.create(plaintext)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS)).isNotNull();
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> security) {
        Map<String, Object> configs = new HashMap<>(security);
        configs.put("key.serializer", StringSerializer.class.getName());
        configs.put("value.serializer", StringSerializer.class.getName());
        configs.put("acks", "all");
        configs.put("max.block.ms", (int) Duration.ofSeconds(30).toMillis());
        configs.put("delivery.timeout.ms", 60_000);
        return new KafkaProducer<>(configs);
    }
}
