package io.checkoutrelay.schemas.serde;

import com.microsoft.kiota.ApiException;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.rest.client.models.ProblemDetails;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;

/**
 * Reads an Avro value in the Confluent wire format through the registry into a generated class, and
 * says which of two different things went wrong when it cannot:
 * <ul>
 *   <li>{@link RegistryUnavailable}: the registry could not be asked (refused, timed out, 5xx, 401/403,
 *       429, any answer but "not found"). Not the record's fault: wait and read it again.</li>
 *   <li>{@link Undecodable}: the record itself is bad (no value, no magic byte, a schema id the
 *       registry answers 404 for, bytes that do not parse against their schema, another type). It
 *       will never be read.</li>
 * </ul>
 * A failed read is explained by asking the registry for the record's schema alone: if that works the
 * bytes are at fault, if the registry says the id does not exist the id is, otherwise the registry is.
 * Schemas read once are kept for the life of the reader, so records of known schemas are read during
 * an outage too.
 */
public final class RegistryValues implements AutoCloseable {

    private static final byte MAGIC_BYTE = 0;
    private static final int HEADER_LENGTH = 5;

    private final AvroKafkaDeserializer<Object> avro;
    private final String registry;

    public RegistryValues(String registryUrl, RegistryAuth auth) {
        this.avro = new AvroKafkaDeserializer<>();
        this.avro.configure(RelaySerdes.consumerConfigs(registryUrl, auth), false);
        this.registry = withoutCredentials(registryUrl);
    }

    /** The value of a record of {@code topic} as a {@code type}; see the class comment for the two failures. */
    public <T> T read(String topic, byte[] value, Class<T> type) {
        if (value == null || value.length == 0) {
            throw new Undecodable("the record has no value");
        }
        if (value[0] != MAGIC_BYTE || value.length < HEADER_LENGTH) {
            throw new Undecodable(String.format("the value is not in the Confluent wire format: it starts with 0x%02x"
                    + " and has %d bytes, expected the magic byte 0x00 and a 4-byte schema id", value[0], value.length));
        }
        long schemaId = Integer.toUnsignedLong(ByteBuffer.wrap(value, 1, 4).getInt());
        Object read;
        try {
            read = avro.deserialize(topic, value);
        } catch (RuntimeException e) {
            throw explain(schemaId, e);
        }
        if (!type.isInstance(read)) {
            throw new Undecodable("schema id " + schemaId + " holds a " + (read == null ? "null" : read.getClass().getName())
                    + ", not a " + type.getName());
        }
        return type.cast(read);
    }

    /** The registry's address as the settings give it, without any user info. */
    public String registry() {
        return registry;
    }

    private RuntimeException explain(long schemaId, RuntimeException failure) {
        try {
            avro.getSchemaResolver().resolveSchemaByArtifactReference(ArtifactReference.fromContentId(schemaId));
        } catch (RuntimeException lookup) {
            ApiException answer = find(lookup, ApiException.class);
            if (answer != null && answer.getResponseStatusCode() == 404 && answer instanceof ProblemDetails problem
                    && problem.getName() != null && problem.getName().endsWith("NotFoundException")) {
                return new Undecodable("schema id " + schemaId + " is not in the registry (" + registry
                        + " answers 404 " + problem.getName() + ")");
            }
            return new RegistryUnavailable(registry, answer != null
                    ? "it answers HTTP " + answer.getResponseStatusCode() + " for schema id " + schemaId
                    : "no answer for schema id " + schemaId + ": " + rootCause(lookup));
        }
        return new Undecodable("the bytes do not parse against schema id " + schemaId + ": " + rootCause(failure));
    }

    private static <E extends Throwable> E find(Throwable failure, Class<E> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    static String withoutCredentials(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "(the registry URL that does not parse)";
        }
    }

    @Override
    public void close() {
        avro.close();
    }

    /**
     * The registry could not be asked for a record's schema: the record is not at fault and must be
     * read again later. Its message names the registry (never a credential) and what happened.
     */
    public static final class RegistryUnavailable extends RuntimeException {
        private final String registry;

        public RegistryUnavailable(String registry, String what) {
            super("the schema registry " + registry + " cannot be asked: " + what);
            this.registry = registry;
        }

        /** The registry's address, without credentials. */
        public String registry() {
            return registry;
        }
    }

    /** A record that will never be read; its message says what is wrong with it and holds no value bytes. */
    public static final class Undecodable extends RuntimeException {
        public Undecodable(String message) {
            super(message);
        }
    }
}
