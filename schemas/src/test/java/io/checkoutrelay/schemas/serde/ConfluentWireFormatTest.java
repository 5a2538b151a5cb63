package io.checkoutrelay.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.ImportedItem;
import io.checkoutrelay.schemas.OrderImported;
import io.checkoutrelay.schemas.topic.Topics;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A record written through our serdes to a real broker is read back the way a consumer that knows
 * nothing of Apicurio would: magic byte, 4-byte schema id, schema from /apis/ccompat/v7, plain Avro.
 */
@ExtendWith(RealInfrastructure.class)
class ConfluentWireFormatTest {

    @Test
    void orderImportedIsReadableByAConfluentFormatConsumer(Infrastructure infra) throws Exception {
        String topic = Topics.ORDER_IMPORTED.name();
        // the topic exists: RealInfrastructure provisions every declared topic
        Instant importedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OrderImported sent = OrderImported.newBuilder()
                .setCheckoutId("3b8e7a0c-1f0e-5c55-9d8e-2b0f6a9d4c11").setKind(CheckoutKind.ORDER)
                .setCrmOrderId("A1B2C3D4E5").setCrmCustomerId("1017").setCampaignId(12L)
                .setAmazonOrderReferenceId("S01-1234567-1234567").setCrmOrderStatus("COMPLETE")
                .setItems(List.of(ImportedItem.newBuilder().setProductId(101).setName("Serum")
                        .setQuantity(2).setPrice(new BigDecimal("29.95")).build()))
                .setTotalAmount(new BigDecimal("59.90")).setImportedAt(importedAt).build();

        Map<String, Object> producerConfigs = new HashMap<>(RelaySerdes.producerConfigs(infra.registryUrl()));
        producerConfigs.put("bootstrap.servers", infra.bootstrapServers());
        try (KafkaProducer<String, OrderImported> producer = new KafkaProducer<>(producerConfigs)) {
            producer.send(new ProducerRecord<>(topic, 0, sent.getCheckoutId(), sent)).get(); // read back from partition 0
        }

        ConsumerRecord<String, byte[]> raw = readOne(infra.bootstrapServers(), topic);
        assertThat(raw.key()).isEqualTo(sent.getCheckoutId());
        assertThat(raw.headers().toArray()).as("Confluent format carries no headers").isEmpty();
        ByteBuffer bytes = ByteBuffer.wrap(raw.value());
        assertThat(bytes.get()).as("magic byte").isEqualTo((byte) 0);
        int schemaId = bytes.getInt();

        HttpResponse<String> schemaResponse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(infra.confluentCompatibleUrl() + "/schemas/ids/" + schemaId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(schemaResponse.statusCode()).isEqualTo(200);
        String schemaJson = new ObjectMapper().readTree(schemaResponse.body()).get("schema").asText();
        Schema writerSchema = new Schema.Parser().parse(schemaJson);
        assertThat(writerSchema.getFullName()).isEqualTo("io.checkoutrelay.schemas.OrderImported");

        GenericData generic = new GenericData();
        generic.addLogicalTypeConversion(new Conversions.DecimalConversion());
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writerSchema, writerSchema, generic)
                .read(null, DecoderFactory.get().binaryDecoder(raw.value(), 5, raw.value().length - 5, null));
        assertThat(decoded.get("crmOrderId").toString()).isEqualTo("A1B2C3D4E5");
        assertThat(decoded.get("amazonOrderReferenceId").toString()).isEqualTo("S01-1234567-1234567");
        assertThat(decoded.get("totalAmount")).isEqualTo(new BigDecimal("59.90"));
        assertThat(decoded.get("importedAt")).isEqualTo(importedAt.toEpochMilli());
        GenericRecord item = (GenericRecord) ((List<?>) decoded.get("items")).get(0);
        assertThat(item.get("price")).isEqualTo(new BigDecimal("29.95"));
        assertThat(item.get("quantity")).isEqualTo(2);

        // and the subject is where a Confluent client looks for it
        HttpResponse<String> subjects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(infra.confluentCompatibleUrl() + "/subjects")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.body()).contains(topic + "-value");
    }

    private static ConsumerRecord<String, byte[]> readOne(String bootstrap, String topic) {
        Map<String, Object> configs = Map.of("bootstrap.servers", bootstrap,
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(configs)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    return record;
                }
            }
        }
        throw new AssertionError("no record on " + topic + " within 20 s");
    }
}
