package io.checkoutrelay.schemas.serde;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Apicurio's datum provider, with its writers and readers looked up by the {@link Schema} itself.
 *
 * <p>The default provider finds its cached writer or reader by the schema's parsing fingerprint, which
 * it computes again for every record: the schema's canonical form is rebuilt as a string and hashed,
 * on every send and every poll. The benchmark's profiles showed that work among the top frames of all
 * three services. Here a record costs a lookup by the schema instance (identity); a new instance
 * (the registry cache parses a schema again when its entry expires) is compared by content once and
 * then found by identity too.
 */
public class SchemaKeyedDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    private final BySchema<DatumWriter<T>> specificWriters = new BySchema<>();
    private final BySchema<DatumWriter<T>> genericWriters = new BySchema<>();
    private final BySchema<DatumReader<T>> readers = new BySchema<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        BySchema<DatumWriter<T>> writers = data instanceof SpecificRecord ? specificWriters : genericWriters;
        return writers.get(schema, key -> super.createDatumWriter(data, key));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema writerSchema) {
        return readers.get(writerSchema, super::createDatumReader);
    }

    /** By instance first (no equals walk over the schema), by content when the instance is new. */
    private static final class BySchema<V> {

        /** Old instances are let go past this many; their values stay reachable by content. */
        private static final int MAX_INSTANCES = 256;

        private final ConcurrentMap<Schema, V> byContent = new ConcurrentHashMap<>();
        private final ConcurrentMap<Instance, V> byInstance = new ConcurrentHashMap<>();

        V get(Schema schema, Function<Schema, V> create) {
            Instance instance = new Instance(schema);
            V found = byInstance.get(instance);
            if (found != null) {
                return found;
            }
            V value = byContent.computeIfAbsent(schema, create);
            if (byInstance.size() >= MAX_INSTANCES) {
                byInstance.clear();
            }
            byInstance.put(instance, value);
            return value;
        }
    }

    /** A schema compared by identity. */
    private record Instance(Schema schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Instance that && that.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }
}
