package io.checkoutrelay.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutrelay.schemas.serde.RegistryAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay reads Spring Boot's spring.kafka.* like the services: from the environment and from a properties file. */
class ConnectionSettingsTest {

    private static final String CHECKOUT = "3f2b8c1e-5d4a-5b6c-9e7f-0a1b2c3d4e5f";
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"replay\" password=\"replay-pw\";";

    @TempDir
    Path temp;

    @Test
    void springKafkaEnvironmentVariablesReachEveryClient() {
        Connection connection = connection(List.of(), Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", JAAS,
                "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "file:/etc/kafka/truststore.p12",
                "SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PKCS12"));

        for (Map<String, Object> client : List.of(connection.consumerConfigs(), connection.producerConfigs())) {
            assertThat(client).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", JAAS)
                    .containsEntry("ssl.truststore.type", "PKCS12");
            assertThat(String.valueOf(client.get("ssl.truststore.location"))).endsWith("truststore.p12");
        }
        assertThat(connection.bootstrapServers()).isEqualTo("broker:9093");
    }

    @Test
    void aPropertiesFileGivesTheSameSettingsAndTheEnvironmentWinsOverIt() throws Exception {
        Path file = temp.resolve("kafka.properties");
        Files.writeString(file, String.join("\n", "spring.kafka.bootstrap-servers=from-file:9093",
                "spring.kafka.security.protocol=SASL_SSL", "spring.kafka.properties.sasl.mechanism=PLAIN",
                "registry.auth.username=replay", "registry.auth.password=pw", ""));

        Connection fromFile = connection(List.of("--kafka-config", file.toString()), Map.of());
        Connection overridden = connection(List.of("--kafka-config", file.toString()),
                Map.of("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512"));
        Connection option = connection(List.of("--kafka-config", file.toString(), "--bootstrap-servers", "opt:1"),
                Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", "env:1"));

        assertThat(fromFile.bootstrapServers()).isEqualTo("from-file:9093");
        assertThat(fromFile.consumerConfigs()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(fromFile.registryAuth()).isEqualTo(new RegistryAuth("replay", "pw", null, null, null));
        assertThat(overridden.producerConfigs()).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(option.bootstrapServers()).isEqualTo("opt:1");
    }

    @Test
    void theContractsVariablesStillWorkBelowSpringsOwn() {
        assertThat(connection(List.of(), Map.of("KAFKA_BOOTSTRAP_SERVERS", "contract:9092")).bootstrapServers())
                .isEqualTo("contract:9092");
        assertThat(connection(List.of(), Map.of("KAFKA_BOOTSTRAP_SERVERS", "contract:9092",
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", "spring:9092")).bootstrapServers()).isEqualTo("spring:9092");
    }

    @Test
    void anUnreadableFileOrHalfGivenCredentialsAreRefusedNamingWhat() {
        assertThatThrownBy(() -> connection(List.of("--kafka-config", temp.resolve("nope.properties").toString()), Map.of()))
                .isInstanceOf(ArgumentError.class).hasMessageContaining("--kafka-config").hasMessageContaining("nope.properties");
        assertThatThrownBy(() -> connection(List.of(), Map.of("REGISTRY_AUTH_USERNAME", "replay")))
                .isInstanceOf(ArgumentError.class).hasMessageContaining("REGISTRY_AUTH_PASSWORD");
    }

    private static Connection connection(List<String> options, Map<String, String> environment) {
        List<String> args = new java.util.ArrayList<>(List.of("declined", "--checkout", CHECKOUT));
        args.addAll(options);
        return ((Request.Declined) Arguments.parse(args, environment)).connection();
    }
}
