package io.checkoutrelay.schemas.serde;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Serde settings of every topic, defined once: String keys; Avro values through Apicurio's serdes in
 * the Confluent wire format (magic byte 0, 4-byte content id, Avro binary, no headers), so any
 * consumer that speaks the Confluent format reads them through the registry's /apis/ccompat/v7 API.
 * Schemas are registered by the producers under the subject {@code <topic>-value}.
 */
public final class RelaySerdes {

    /** The package of the generated classes, which Avro 1.12.2 must be told to trust. */
    public static final String GENERATED_PACKAGE = "io.checkoutrelay.schemas";
    public static final String SERIALIZABLE_PACKAGES_PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";

    private RelaySerdes() {
    }

    /** Producer configs: String key, Avro value; an anonymous registry. */
    public static Map<String, Object> producerConfigs(String registryUrl) {
        return producerConfigs(registryUrl, RegistryAuth.NONE);
    }

    /** Producer configs: String key, Avro value; the registry reached with {@code auth}. */
    public static Map<String, Object> producerConfigs(String registryUrl, RegistryAuth auth) {
        Map<String, Object> configs = common(registryUrl, auth);
        configs.put("key.serializer", StringSerializer.class.getName());
        configs.put("value.serializer", AvroKafkaSerializer.class.getName());
        configs.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        configs.put(SerdeConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "FIND_OR_CREATE_VERSION");
        // one self-contained schema per subject, not one artifact per nested type: consumers that
        // do not follow schema references (older Confluent clients) can read every topic
        configs.put(SerdeConfig.DEREFERENCE_SCHEMA, true);
        return configs;
    }

    /** Consumer configs: String key, Avro value read into the generated classes; an anonymous registry. */
    public static Map<String, Object> consumerConfigs(String registryUrl) {
        return consumerConfigs(registryUrl, RegistryAuth.NONE);
    }

    /** Consumer configs: String key, Avro value read into the generated classes; the registry reached with {@code auth}. */
    public static Map<String, Object> consumerConfigs(String registryUrl, RegistryAuth auth) {
        Map<String, Object> configs = common(registryUrl, auth);
        configs.put("key.deserializer", StringDeserializer.class.getName());
        configs.put("value.deserializer", AvroKafkaDeserializer.class.getName());
        configs.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        return configs;
    }

    /**
     * Lets Avro instantiate the generated classes; call before any record is read (services: first
     * line of main). Keeps a value already set on the command line.
     */
    public static void trustGeneratedClasses() {
        String current = System.getProperty(SERIALIZABLE_PACKAGES_PROPERTY);
        if (current == null || current.isBlank()) {
            System.setProperty(SERIALIZABLE_PACKAGES_PROPERTY, GENERATED_PACKAGE);
        } else if (!current.contains(GENERATED_PACKAGE)) {
            System.setProperty(SERIALIZABLE_PACKAGES_PROPERTY, current + "," + GENERATED_PACKAGE);
        }
    }

    private static Map<String, Object> common(String registryUrl, RegistryAuth auth) {
        Map<String, Object> configs = new HashMap<>(auth.serdeConfigs());
        configs.put(SerdeConfig.REGISTRY_URL, registryUrl);
        configs.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        configs.put(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName());
        configs.put(SerdeConfig.USE_ID, IdOption.contentId.name());
        configs.put(AvroSerdeConfig.AVRO_ENCODING, AvroSerdeConfig.AVRO_ENCODING_BINARY);
        configs.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaKeyedDatumProvider.class.getName());
        // a schema looked up once stays usable when its cache entry is due for a refresh and the registry
        // cannot be reached: an outage stops only what needs a schema never seen before
        configs.put(SchemaResolverConfig.FAULT_TOLERANT_REFRESH, true);
        return configs;
    }
}
