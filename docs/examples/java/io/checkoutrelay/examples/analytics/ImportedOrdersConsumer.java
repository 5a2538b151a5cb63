package io.checkoutrelay.examples.analytics;

import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An analytics consumer of crm.order.imported.v1, written with no checkout-relay code: kafka-clients
 * and Apicurio's Avro deserializer, reading generic records (no generated classes) and printing one
 * line per imported order or upsell. Runs until stopped.
 *
 * <pre>java ... ImportedOrdersConsumer BOOTSTRAP_SERVERS REGISTRY_URL [GROUP_ID]
 *   REGISTRY_URL: the Apicurio registry's API base, e.g. http://localhost:8081/apis/registry/v3</pre>
 */
public final class ImportedOrdersConsumer {

    private static final Conversions.DecimalConversion DECIMAL = new Conversions.DecimalConversion();
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ImportedOrdersConsumer() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ImportedOrdersConsumer BOOTSTRAP_SERVERS REGISTRY_URL [GROUP_ID]");
            System.exit(2);
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, args.length > 2 ? args[2] : "analytics-imported-orders");
        // only records of committed transactions: exactly one result per checkout attempt
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class.getName());
        // values are in the Confluent wire format: magic byte 0, then the 4-byte content id of the
        // schema in the registry, then Avro binary; nothing in the record headers
        config.put(SerdeConfig.REGISTRY_URL, args[1]);
        config.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName());
        config.put(SerdeConfig.USE_ID, IdOption.contentId.name());

        try (KafkaConsumer<String, GenericRecord> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("crm.order.imported.v1"));
            while (true) {
                for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofSeconds(1))) {
                    System.out.println(describe(record.value()));
                }
            }
        }
    }

    /** One line per record: who, what, and the money as decimals. */
    static String describe(GenericRecord imported) {
        List<String> items = new ArrayList<>();
        for (Object line : (List<?>) imported.get("items")) {
            GenericRecord item = (GenericRecord) line;
            items.add(item.get("productId") + " x" + item.get("quantity") + " @ " + money(item, "price"));
        }
        return "checkoutId=" + imported.get("checkoutId")
                + " kind=" + imported.get("kind")
                + " attempt=" + imported.get("attempt")
                + " upsellId=" + imported.get("upsellId")
                + " crmOrderId=" + imported.get("crmOrderId")
                + " crmCustomerId=" + imported.get("crmCustomerId")
                + " campaignId=" + imported.get("campaignId")
                + " amazonOrderReferenceId=" + imported.get("amazonOrderReferenceId")
                + " crmOrderStatus=" + imported.get("crmOrderStatus")
                + " items=" + items
                + " totalAmount=" + money(imported, "totalAmount")
                + " currencySymbol=" + imported.get("currencySymbol")
                + " settledByQuery=" + imported.get("settledByQuery")
                + " importedAt=" + MILLIS.format(Instant.ofEpochMilli((Long) imported.get("importedAt")));
    }

    /**
     * A money field: Avro {@code bytes} with the logical type decimal(12,2), in a union with null.
     * A generic reader hands out the bytes (the unscaled value, big-endian two's complement); the
     * schema's scale makes them a BigDecimal. Never a double.
     */
    static BigDecimal money(GenericRecord record, String field) {
        Object value = record.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) { // a reader configured with Avro's decimal conversion
            return decimal;
        }
        Schema schema = record.getSchema().getField(field).schema();
        Schema decimalSchema = schema.getType() == Schema.Type.UNION
                ? schema.getTypes().stream().filter(s -> s.getType() == Schema.Type.BYTES).findFirst().orElseThrow()
                : schema;
        return DECIMAL.fromBytes(((ByteBuffer) value).duplicate(), decimalSchema, decimalSchema.getLogicalType());
    }
}
