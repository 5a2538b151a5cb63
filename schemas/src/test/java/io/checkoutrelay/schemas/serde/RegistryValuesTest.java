package io.checkoutrelay.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.OrderImported;
import io.checkoutrelay.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Against a real registry, stopped and started again: a registry that cannot be asked is told apart from
 * a record that is bad (no magic byte, a schema id the registry does not know, bytes that do not parse,
 * another type).
 */
@ExtendWith(RealInfrastructure.class)
class RegistryValuesTest {

    private static final String TOPIC = Topics.CHECKOUT_STATUS.name();

    @BeforeAll
    static void trust() {
        RelaySerdes.trustGeneratedClasses();
    }

    @Test
    void readsAValueWrittenThroughTheRegistry(Infrastructure infra) {
        CheckoutStatusChanged status = status();
        try (RegistryValues values = new RegistryValues(infra.registryUrl(), RegistryAuth.NONE)) {
            assertThat(values.read(TOPIC, serialized(infra, status), CheckoutStatusChanged.class)).isEqualTo(status);
        }
    }

    @Test
    void badRecordsAreUndecodableAndSayWhy(Infrastructure infra) {
        byte[] good = serialized(infra, status());
        byte[] unknownId = Arrays.copyOf(good, good.length);
        ByteBuffer.wrap(unknownId).putInt(1, 987_654_321);
        try (RegistryValues values = new RegistryValues(infra.registryUrl(), RegistryAuth.NONE)) {
            assertThatThrownBy(() -> values.read(TOPIC, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8),
                    CheckoutStatusChanged.class)).isInstanceOf(RegistryValues.Undecodable.class)
                    .hasMessageContaining("magic byte");
            assertThatThrownBy(() -> values.read(TOPIC, null, CheckoutStatusChanged.class))
                    .isInstanceOf(RegistryValues.Undecodable.class).hasMessageContaining("no value");
            assertThatThrownBy(() -> values.read(TOPIC, unknownId, CheckoutStatusChanged.class))
                    .isInstanceOf(RegistryValues.Undecodable.class)
                    .hasMessageContaining("schema id 987654321 is not in the registry").hasMessageContaining("404");
            assertThatThrownBy(() -> values.read(TOPIC, Arrays.copyOf(good, 9), CheckoutStatusChanged.class))
                    .isInstanceOf(RegistryValues.Undecodable.class).hasMessageContaining("do not parse");
            assertThatThrownBy(() -> values.read(TOPIC, good, OrderImported.class))
                    .isInstanceOf(RegistryValues.Undecodable.class).hasMessageContaining("not a " + OrderImported.class.getName());
        }
    }

    @Test
    void aRegistryThatCannotBeAskedIsNotTheRecordsFaultAndSchemasReadBeforeStayReadable(Infrastructure infra) {
        byte[] value = serialized(infra, status());
        try (RegistryValues warm = new RegistryValues(infra.registryUrl(), RegistryAuth.NONE);
             RegistryValues cold = new RegistryValues(infra.registryUrl(), RegistryAuth.NONE)) {
            warm.read(TOPIC, value, CheckoutStatusChanged.class);
            infra.registry().stop();
            try {
                assertThatThrownBy(() -> cold.read(TOPIC, value, CheckoutStatusChanged.class))
                        .isInstanceOf(RegistryValues.RegistryUnavailable.class)
                        .hasMessageContaining(infra.registryUrl());
                byte[] unknownId = Arrays.copyOf(value, value.length);
                ByteBuffer.wrap(unknownId).putInt(1, 987_654_322);
                assertThatThrownBy(() -> cold.read(TOPIC, unknownId, CheckoutStatusChanged.class))
                        .as("an unknown id is not known to be unknown while the registry cannot be asked")
                        .isInstanceOf(RegistryValues.RegistryUnavailable.class);
                assertThat(warm.read(TOPIC, value, CheckoutStatusChanged.class)).isNotNull();
            } finally {
                infra.registry().restart();
            }
            assertThat(cold.read(TOPIC, value, CheckoutStatusChanged.class)).isNotNull();
        }
    }

    @Test
    void theRegistryIsNamedWithoutCredentials() {
        assertThat(RegistryValues.withoutCredentials("https://relay:s3cret@registry.example:8443/apis/registry/v3"))
                .isEqualTo("https://registry.example:8443/apis/registry/v3");
        assertThat(new RegistryValues.RegistryUnavailable(
                RegistryValues.withoutCredentials("http://u:p@h:1/x"), "no answer").getMessage()).doesNotContain("u:p");
    }

    private static CheckoutStatusChanged status() {
        return CheckoutStatusChanged.newBuilder().setCheckoutId(UUID.randomUUID().toString())
                .setKind(CheckoutKind.ORDER).setStatus(CheckoutStatus.ACCEPTED).setChangedBy("test")
                .setChangedAt(Instant.ofEpochMilli(System.currentTimeMillis())).build();
    }

    private static byte[] serialized(Infrastructure infra, SpecificRecord record) {
        try (AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>()) {
            serializer.configure(RelaySerdes.producerConfigs(infra.registryUrl()), false);
            return serializer.serialize(TOPIC, record);
        }
    }
}
