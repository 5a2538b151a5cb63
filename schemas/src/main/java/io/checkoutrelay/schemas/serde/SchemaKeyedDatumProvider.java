package io.checkoutrelay.schemas.serde;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
 * three services. A {@code Schema} caches its own hash code and compares equal to itself at once, and
 * the serdes hand over the same instance for every record of a type (the generated class's schema, or
 * the registry cache's parsed schema), so the lookup costs a map probe.
 */
public class SchemaKeyedDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    private final ConcurrentMap<WriterKey, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final ConcurrentMap<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        return writers.computeIfAbsent(new WriterKey(schema, data instanceof SpecificRecord),
                key -> super.createDatumWriter(data, schema));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema writerSchema) {
        return readers.computeIfAbsent(writerSchema, super::createDatumReader);
    }

    private record WriterKey(Schema schema, boolean specific) {
    }
}
