package io.checkoutrelay.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.ImportedItem;
import io.checkoutrelay.schemas.OrderImported;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SchemaKeyedDatumProviderTest {

    private final SchemaKeyedDatumProvider<SpecificRecord> provider = configured(new SchemaKeyedDatumProvider<>());

    @Test
    void writesTheSameBytesAsApicuriosDefaultProvider() throws IOException {
        DefaultAvroDatumProvider<SpecificRecord> apicurio = configured(new DefaultAvroDatumProvider<>());
        OrderImported imported = imported("A1B2C3D4E5");

        assertThat(write(provider, imported)).isEqualTo(write(apicurio, imported));
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        OrderImported imported = imported("A1B2C3D4E5");

        byte[] bytes = write(provider, imported);
        DatumReader<SpecificRecord> reader = provider.createDatumReader(OrderImported.getClassSchema());

        OrderImported read = (OrderImported) reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        // (SpecificRecord.equals cannot compare decimals inside unions: Avro's default model has no conversions)
        assertThat(read.getCrmOrderId()).isEqualTo("A1B2C3D4E5");
        assertThat(read.getTotalAmount()).isEqualTo(new BigDecimal("59.90"));
        assertThat(read.getItems().get(0).getPrice()).isEqualTo(new BigDecimal("29.95"));
        assertThat(read.getImportedAt()).isEqualTo(imported.getImportedAt());
        assertThat(read.toString()).isEqualTo(imported.toString());
    }

    @Test
    void everyRecordOfATypeReusesOneWriterAndOneReader() {
        Schema sameContentOtherInstance = new Schema.Parser().parse(OrderImported.getClassSchema().toString());

        DatumWriter<SpecificRecord> first = provider.createDatumWriter(imported("A"), OrderImported.getClassSchema());
        assertThat(provider.createDatumWriter(imported("B"), OrderImported.getClassSchema())).isSameAs(first);
        assertThat(provider.createDatumWriter(imported("C"), sameContentOtherInstance)).isSameAs(first);

        DatumReader<SpecificRecord> reader = provider.createDatumReader(OrderImported.getClassSchema());
        assertThat(provider.createDatumReader(sameContentOtherInstance)).isSameAs(reader);
    }

    @Test
    void differentSchemasGetTheirOwnWritersAndReaders() {
        DatumWriter<SpecificRecord> imported = provider.createDatumWriter(imported("A"), OrderImported.getClassSchema());
        DatumWriter<SpecificRecord> status = provider.createDatumWriter(status(), CheckoutStatusChanged.getClassSchema());

        assertThat(status).isNotSameAs(imported);
        assertThat(provider.createDatumReader(CheckoutStatusChanged.getClassSchema()))
                .isNotSameAs(provider.createDatumReader(OrderImported.getClassSchema()));
    }

    private static <P extends DefaultAvroDatumProvider<SpecificRecord>> P configured(P provider) {
        provider.configure(new AvroSerdeConfig(Map.of(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true)));
        return provider;
    }

    private static byte[] write(DefaultAvroDatumProvider<SpecificRecord> provider, SpecificRecord record)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        provider.createDatumWriter(record, record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static OrderImported imported(String crmOrderId) {
        return OrderImported.newBuilder()
                .setCheckoutId("3b8e7a0c-1f0e-5c55-9d8e-2b0f6a9d4c11").setKind(CheckoutKind.ORDER)
                .setCrmOrderId(crmOrderId).setCrmCustomerId("1017").setCampaignId(12L)
                .setAmazonOrderReferenceId("S01-1234567-1234567").setCrmOrderStatus("COMPLETE")
                .setItems(List.of(ImportedItem.newBuilder().setProductId(101).setName("Serum")
                        .setQuantity(2).setPrice(new BigDecimal("29.95")).build()))
                .setTotalAmount(new BigDecimal("59.90")).setImportedAt(Instant.ofEpochMilli(1_795_000_000_000L))
                .build();
    }

    private static CheckoutStatusChanged status() {
        return CheckoutStatusChanged.newBuilder()
                .setCheckoutId("3b8e7a0c-1f0e-5c55-9d8e-2b0f6a9d4c11").setKind(CheckoutKind.ORDER)
                .setUpsellId(null).setProductId(null).setAttempt(1).setStatus(CheckoutStatus.ACCEPTED)
                .setCrmOrderId(null).setDecline(null).setChangedBy("test")
                .setChangedAt(Instant.ofEpochMilli(1_795_000_000_000L)).build();
    }
}
