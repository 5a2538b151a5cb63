package io.checkoutrelay.replay.kafka;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.checkoutrelay.schemas.serde.RegistryAuth;
import io.checkoutrelay.schemas.serde.RelaySerdes;

/** Reads Avro values (Confluent wire format, schemas from the registry) into the generated classes. */
public final class RecordDecoder implements AutoCloseable {

    private final Deserializer<Object> avro;

    @SuppressWarnings({"unchecked", "rawtypes"})
    public RecordDecoder(String registryUrl, RegistryAuth auth) {
        RelaySerdes.trustGeneratedClasses();
        Deserializer<Object> deserializer = (Deserializer) new AvroKafkaDeserializer<>();
        deserializer.configure(RelaySerdes.consumerConfigs(registryUrl, auth), false);
        this.avro = deserializer;
    }

    /** The value as {@code type}, or empty when it is absent, unreadable or of another type. */
    public <T> Optional<T> decode(ConsumerRecord<byte[], byte[]> record, Class<T> type) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            Object value = avro.deserialize(record.topic(), record.headers(), record.value());
            return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        avro.close();
    }
}
